package gen

import "strings"

// field is one field of the catalog with the words its roles use.
type field struct {
	sector   string
	name     string
	subjects []string // what a role of the field works on ("Revenue Cycle")
	terms    []string // domain terms: glossary entries and phrases
}

// fieldTable lists sectors and fields as "Sector|Field|subjects|terms", with
// comma-separated lists. Terms are lowercase noun phrases of the field.
const fieldTable = `
Healthcare and Medicine|Healthcare Administration|Medical Office,Clinic Operations,Patient Access,Revenue Cycle|prior authorization,claim denial,patient intake,appointment template,payer contract,charge capture,eligibility check,no-show rate,coding audit,credentialing file,clean claim rate,patient portal
Healthcare and Medicine|Nursing|Nursing Unit,Care Coordination,Infection Control,Wound Care|care plan,shift handoff,medication reconciliation,fall risk,patient acuity,discharge teaching,infection rate,vital signs,nurse staffing,charting standard,bedside report,pressure injury
Healthcare and Medicine|Allied Health|Imaging,Laboratory,Pharmacy,Rehabilitation|specimen handling,turnaround time,dose check,radiation safety,quality control run,calibration log,plan of care,therapy session,formulary,chain of custody,reference range,contrast reaction
Healthcare and Medicine|Public Health|Epidemiology,Community Health,Health Education,Disease Surveillance|case definition,outbreak response,contact tracing,vaccination coverage,health equity,needs assessment,incidence rate,outreach event,grant report,surveillance report,risk communication,screening program
Finance and Accounting|Accounting|Accounts Payable,General Ledger,Payroll,Cost Accounting|month-end close,journal entry,accrual,reconciliation,audit trail,chart of accounts,variance analysis,three-way match,trial balance,fixed asset register,expense report,internal control
Finance and Accounting|Banking|Branch Banking,Commercial Lending,Credit Analysis,Treasury|loan covenant,credit memo,debt service coverage,deposit growth,cash position,liquidity buffer,know your customer,loan origination,collateral review,risk rating,wire transfer,overdraft policy
Finance and Accounting|Insurance|Claims,Underwriting,Actuarial,Policy Services|loss ratio,claim reserve,policy renewal,underwriting guideline,subrogation,premium audit,first notice of loss,coverage limit,fraud indicator,rate filing,catastrophe model,adjuster note
Finance and Accounting|Financial Planning|Financial Planning,Budget,Investor Relations,Forecasting|rolling forecast,budget variance,headcount plan,cash flow model,board deck,scenario model,capital request,operating plan,unit economics,cost center,revenue bridge,earnings call
Information Technology|Software Development|Backend,Frontend,Mobile,Platform|code review,pull request,unit test,deployment pipeline,feature flag,technical debt,api contract,release train,incident postmortem,load test,schema migration,dependency update
Information Technology|IT Operations|Service Desk,Network,Systems,Cloud Infrastructure|change request,service level agreement,patch window,backup restore,ticket queue,root cause analysis,capacity plan,asset inventory,access review,uptime target,runbook,failover test
Information Technology|Data and Analytics|Data Engineering,Business Intelligence,Data Science,Analytics|data pipeline,dashboard,data quality check,star schema,model drift,a/b test,data dictionary,query performance,feature store,etl job,metric definition,data catalog
Information Technology|Cybersecurity|Security Operations,Identity,Governance and Risk,Application Security|phishing test,vulnerability scan,incident response,least privilege,multi-factor authentication,threat model,security awareness,patch compliance,penetration test,risk register,log review,access certification
Education|Teaching|Elementary Teaching,Secondary Teaching,Special Education,Adult Education|lesson plan,formative assessment,classroom management,learning objective,individualized education program,parent conference,reading level,differentiated instruction,grading rubric,attendance rate,behavior plan,curriculum map
Education|School Administration|School Office,Admissions,Registrar,Student Services|enrollment target,class schedule,student record,transcript request,financial aid,retention rate,orientation program,advising session,compliance report,accreditation visit,course catalog,waitlist
Education|Training and Development|Corporate Training,Instructional Design,Learning Technology,Onboarding|training needs analysis,learning management system,course completion,job aid,e-learning module,skills matrix,knowledge check,facilitator guide,onboarding plan,coaching session,competency model,learner survey
Construction and Trades|Construction Management|Site Management,Estimating,Project Controls,Field Operations|change order,punch list,site safety plan,critical path,submittal,daily log,bid package,cost to complete,request for information,subcontractor schedule,quality inspection,toolbox talk
Construction and Trades|Skilled Trades|Electrical,Plumbing,HVAC,Carpentry|load calculation,permit inspection,lockout tagout,service call,preventive maintenance,code compliance,material takeoff,rough-in,warranty callback,equipment startup,job ticket,safety harness
Construction and Trades|Facilities|Facilities Maintenance,Building Operations,Energy Management,Grounds|work order,preventive maintenance schedule,energy audit,building automation,vendor contract,space plan,life safety inspection,utility bill,capital project,fire drill,asset condition,service request
Manufacturing and Production|Production|Assembly,Machining,Packaging,Production Planning|cycle time,first pass yield,changeover,downtime log,production schedule,bill of materials,work instruction,scrap rate,takt time,shift report,line balance,overall equipment effectiveness
Manufacturing and Production|Quality|Quality Assurance,Quality Control,Supplier Quality,Continuous Improvement|corrective action,nonconformance report,control chart,root cause,process audit,first article inspection,gauge study,kaizen event,standard work,defect rate,customer complaint,supplier scorecard
Manufacturing and Production|Supply Chain|Purchasing,Inventory,Logistics,Warehouse|purchase order,safety stock,inventory turns,cycle count,on-time delivery,freight cost,lead time,demand plan,pick rate,receiving dock,supplier lead time,stockout
Retail and Hospitality|Retail|Store Operations,Merchandising,Loss Prevention,E-commerce|sales per hour,shrink rate,planogram,conversion rate,basket size,markdown plan,store walk,inventory count,customer complaint log,visual standard,online order,return policy
Retail and Hospitality|Hospitality|Front Office,Housekeeping,Food and Beverage,Events|occupancy rate,guest complaint,room turnover,banquet order,food cost,average daily rate,service recovery,event timeline,par level,guest review,upsell,health inspection
Retail and Hospitality|Customer Service|Contact Center,Customer Success,Support Operations,Client Services|first contact resolution,average handle time,customer satisfaction score,escalation path,call script,net promoter score,churn rate,service ticket,knowledge base,quality monitoring,renewal rate,onboarding call
Government and Public Service|Public Administration|City Services,Permitting,Records,Policy|public records request,council report,permit backlog,policy brief,procurement rule,service level,budget hearing,stakeholder meeting,open meeting law,grant compliance,constituent inquiry,performance measure
Government and Public Service|Public Safety|Emergency Management,Dispatch,Corrections,Code Enforcement|incident command,response time,call volume,emergency plan,shift roster,use of force policy,after action report,mutual aid,evacuation drill,case file,inspection report,radio protocol
Government and Public Service|Social Services|Case Management,Child Welfare,Housing Services,Workforce Services|case plan,eligibility review,home visit,service referral,caseload,intake assessment,safety plan,benefit application,court report,program outcome,client goal,housing placement
Legal|Legal Services|Litigation Support,Contracts,Compliance,Paralegal|discovery request,contract clause,matter budget,legal hold,privilege log,filing deadline,due diligence,conflict check,compliance training,regulatory filing,redline,case calendar
Legal|Legal Operations|Legal Operations,Records and Information,E-discovery,Knowledge Management|matter management,outside counsel guidelines,e-billing,retention schedule,document review,legal spend,clause library,contract lifecycle,intake form,knowledge article,legal research,template library
Marketing and Communications|Marketing|Digital Marketing,Brand,Content,Product Marketing|campaign brief,conversion funnel,click-through rate,brand guideline,content calendar,customer persona,lead scoring,marketing qualified lead,launch plan,search ranking,email open rate,cost per acquisition
Marketing and Communications|Communications|Public Relations,Internal Communications,Social Media,Media Relations|press release,media inquiry,message map,crisis statement,engagement rate,town hall,editorial calendar,spokesperson brief,community guideline,newsletter,share of voice,coverage report
Human Resources|Human Resources|Recruiting,Benefits,Employee Relations,Compensation|job requisition,time to fill,offer letter,open enrollment,performance review,exit interview,salary band,employee handbook,investigation file,turnover rate,onboarding checklist,engagement survey
Transportation and Logistics|Transportation|Fleet,Dispatch Operations,Route Planning,Driver Management|route plan,on-time performance,fuel cost,driver log,vehicle inspection,load plan,delivery window,hours of service,maintenance interval,proof of delivery,fleet utilization,accident report
Transportation and Logistics|Aviation|Airport Operations,Ground Handling,Flight Dispatch,Aircraft Maintenance|turnaround,weight and balance,flight plan,maintenance log,ramp safety,gate assignment,airworthiness directive,crew schedule,delay code,fuel order,baggage handling,safety management system
Energy and Utilities|Utilities|Water Operations,Grid Operations,Metering,Field Service|outage report,meter reading,service connection,water quality test,load forecast,asset replacement,customer outage,crew dispatch,regulatory report,leak detection,rate case,switching order
Energy and Utilities|Energy|Solar,Wind,Oil and Gas,Energy Trading|capacity factor,interconnection request,site assessment,power purchase agreement,production forecast,safety case,maintenance outage,hedge position,permit application,performance ratio,inspection drone,emissions report
Agriculture and Environment|Agriculture|Farm Operations,Crop Production,Livestock,Agronomy|crop plan,soil test,yield map,irrigation schedule,herd health,feed ration,spray record,harvest window,grain moisture,field scouting,nutrient plan,equipment calibration
Agriculture and Environment|Environmental Services|Environmental Compliance,Sustainability,Waste Management,Conservation|environmental permit,emissions inventory,waste stream,spill response,sustainability report,habitat survey,recycling rate,stormwater plan,carbon footprint,site inspection,monitoring well,corrective plan
Arts, Media and Design|Design|Graphic Design,User Experience,Interior Design,Product Design|design brief,wireframe,usability test,style guide,mood board,design review,user journey,prototype,accessibility check,client feedback,asset library,design system
Arts, Media and Design|Media Production|Video Production,Broadcast,Publishing,Audio|production schedule,shot list,edit decision,broadcast standard,editorial review,rights clearance,call sheet,post-production,copy deadline,audience rating,style sheet,archive footage
Science and Research|Research|Clinical Research,Laboratory Research,Research Administration,Field Research|study protocol,informed consent,adverse event,grant budget,lab notebook,sample size,data management plan,ethics review,site monitoring,enrollment rate,standard operating procedure,publication plan
Nonprofit and Community|Nonprofit|Fundraising,Program Management,Volunteer Management,Grants|donor retention,grant proposal,program outcome,volunteer hours,annual appeal,logic model,board report,impact measure,major gift,stewardship plan,community partner,program budget
`

// fields parses fieldTable once.
var fields = func() []field {
	var fs []field
	for _, line := range strings.Split(strings.TrimSpace(fieldTable), "\n") {
		parts := strings.Split(line, "|")
		fs = append(fs, field{sector: parts[0], name: parts[1],
			subjects: strings.Split(parts[2], ","), terms: strings.Split(parts[3], ",")})
	}
	return fs
}()

// jobKinds complete a subject into a role title: "Revenue Cycle Manager".
var jobKinds = strings.Split("Manager,Coordinator,Specialist,Supervisor,Analyst,Lead,Director,Assistant,Administrator,Technician,Officer,Associate,Consultant,Planner,Team Lead,Representative", ",")

// qualifiers tell apart two roles whose subject and kind are the same.
var qualifiers = strings.Split("Senior,Junior,Regional,Principal,Deputy,Associate,Chief,Assistant,Lead,Trainee,District,Area", ",")

// genericTerms are business terms every field uses.
var genericTerms = strings.Split("key performance indicator,standard operating procedure,root cause analysis,service level,quality audit,budget forecast,stakeholder map,escalation policy,risk assessment,process map,action plan,status report,performance improvement plan,cross-training,capacity planning,vendor management,change management,continuous improvement,customer feedback,data privacy,workload balance,team huddle,shift coverage,onboarding plan,compliance checklist,lessons learned,benchmark report,cost reduction,peer review,decision log,service recovery,time tracking,project charter,handoff checklist,escalation matrix,weekly scorecard,policy exception,training record,staffing model,budget variance report", ",")

// nouns, verbs and adjectives are the common vocabulary of the generated
// prose, roughly in order of frequency (the generator favours the start
// of each list).
var (
	nouns = strings.Split("team,process,schedule,report,budget,customer,staff,project,data,policy,manager,system,goal,problem,plan,change,week,month,quarter,result,error,backlog,meeting,deadline,priority,vendor,cost,request,complaint,issue,metric,target,training,review,supervisor,director,colleague,volunteer,shift,workload,checklist,dashboard,handoff,escalation,feedback,outcome,trend,baseline,gap,risk,audit,standard,procedure,rule,exception,approval,contract,invoice,payment,account,order,delivery,inventory,supply,tool,software,spreadsheet,template,form,file,record,note,email,call,queue,ticket,case,site,office,department,unit,division,region,leader,partner,board,client,patient,student,guest,user,member,owner,employee,hire,candidate,interview,role,task,step,stage,cycle,turnaround,volume,capacity,quality,safety,accuracy,speed,morale,trust,conflict,agreement,decision,option,tradeoff,lesson,mistake,improvement,pilot,rollout,launch,update,summary,analysis,forecast,estimate,survey,score,rate,percentage,number,figure,chart,huddle,agenda,minutes,memo,calendar,slot,window,weekend,morning,afternoon,evening", ",")
	verbs = strings.Split("review,track,fix,build,plan,cut,reduce,raise,improve,check,train,coach,lead,schedule,escalate,document,measure,report,explain,prioritize,delegate,negotiate,resolve,audit,update,test,launch,pilot,map,compare,flag,monitor,assign,cover,balance,reconcile,verify,approve,streamline,standardize,redesign,present,share,follow up on,ask about,sort out,set up,clean up,hand off,walk through,rebuild,restart,simplify,forecast,estimate,collect,organize,support", ",")
	adjs  = strings.Split("weekly,daily,monthly,new,clear,simple,first,last,late,open,overdue,critical,urgent,manual,shared,small,large,busy,quiet,difficult,unhappy,missing,duplicate,accurate,complete,current,annual,quarterly,short,long,honest,specific,measurable,visible,realistic,fair,consistent,formal,informal,written,standard,local,remote,senior,junior,experienced,frontline,internal,external", ",")
)

// syllables build invented names (software products, vendors, sites) that
// occur in few roles: the rare words of the catalog.
var syllables = strings.Split("ka,lo,mi,ra,ven,tor,zu,pel,dri,san,qua,bex,nor,fil,gra,tem,vo,lin,cas,dor,mek,sil,ulm,yar,bri,cho,dax,eph,fro,gis", ",")

// tipKinds are the tip kinds, in the order the generator uses them.
var tipKinds = []string{"process", "answering", "numbers", "gaps", "day-of", "general"}
