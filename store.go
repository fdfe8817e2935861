package rehearse

import (
	"context"
	"strings"
	"unicode"
)

// Store keeps the imported content (and, later, each user's practice data).
// Two implementations exist: sqlite.DB and postgres.DB; storetest holds the
// conformance suite both pass.
//
// Methods that look up one thing return an *Error with code ENOTFOUND when
// it does not exist and EINVALID for malformed arguments.
type Store interface {
	PracticeStore
	ReviewStore
	StoryStore
	InterviewStore
	RecordingStore

	// ImportRole stores a linted role, replacing an earlier version with the
	// same slug in one transaction. It does nothing and reports false when
	// the stored content hash equals hash. A question or scenario id owned
	// by another role is an ECONFLICT error and changes nothing.
	ImportRole(ctx context.Context, role *Role, hash string) (changed bool, err error)
	// ImportRoles imports several roles as ImportRole does, all in one
	// transaction: on error or cancellation none of them changes, and every
	// role keeps its previous content. It returns how many changed.
	ImportRoles(ctx context.Context, roles []RoleImport) (changed int, err error)
	// ContentVersion returns a value that changes whenever an import
	// changes content: pages built from content stay valid while it is the
	// same. It is one small query, cheap whatever the size of the catalog.
	ContentVersion(ctx context.Context) (string, error)
	// ContentHashes returns the content hash of every stored role by slug.
	ContentHashes(ctx context.Context) (map[string]string, error)

	// Catalog returns every sector with its fields and role counts.
	Catalog(ctx context.Context) ([]Sector, error)
	// Roles returns one page of roles matching the filter, ordered by
	// sector, field and title, and the total number that match.
	Roles(ctx context.Context, f RoleFilter) ([]RoleSummary, int, error)
	// Role returns a role with its areas, tips and questions to ask, but
	// without questions, scenarios and glossary (see the methods below).
	Role(ctx context.Context, slug string) (*RoleDetail, error)
	// Questions returns the questions of a role in pack order, filtered by
	// area and type when those are set.
	Questions(ctx context.Context, f QuestionFilter) ([]QuestionSummary, error)
	// RoleQuestions returns every question of a role in full, in pack order
	// (the feedback engine indexes them).
	RoleQuestions(ctx context.Context, roleSlug string) ([]Question, error)
	// Question returns one question with everything known about it.
	Question(ctx context.Context, id string) (*QuestionDetail, error)
	// Scenarios returns the scenario drills of a role in pack order.
	Scenarios(ctx context.Context, roleSlug string) ([]Scenario, error)
	// Scenario returns one scenario drill.
	Scenario(ctx context.Context, id string) (*ScenarioDetail, error)
	// Glossary returns the terms of a role in pack order.
	Glossary(ctx context.Context, roleSlug string) ([]Term, error)
	// Search runs a full-text search over the questions of every role (or
	// of one role) and returns ranked hits with highlighted snippets.
	Search(ctx context.Context, q SearchQuery) (*SearchResults, error)

	// Ready returns nil when the database answers and holds content.
	Ready(ctx context.Context) error
	// Close releases the database.
	Close() error
}

// RoleImport is a linted role to import and the content hash of its pack.
type RoleImport struct {
	Role *Role
	Hash string
	// Prepared, when not nil, is the store's own work on Role done ahead of
	// the import by its PrepareImport method (see pack.ReadAndImport).
	Prepared any
}

// LocalUserID is the id of the single user of local mode. Every table that
// holds a user's data carries a user id; local mode uses this one.
const LocalUserID int64 = 1

// Sector is a top-level group of the catalog with its fields.
type Sector struct {
	Slug   string  `json:"slug"`
	Name   string  `json:"name"`
	Fields []Field `json:"fields"`
}

// Field is a group of roles inside a sector.
type Field struct {
	Slug      string `json:"slug"`
	Name      string `json:"name"`
	RoleCount int    `json:"role_count"`
}

// RoleFilter selects roles of the catalog. Zero values mean "any"; Limit 0
// means the default page size.
type RoleFilter struct {
	Sector string // sector slug
	Field  string // field slug
	Offset int
	Limit  int
}

// RoleSummary is a role as the catalog lists it.
type RoleSummary struct {
	Slug          string `json:"slug"`
	Title         string `json:"title"`
	Sector        string `json:"sector"`
	Field         string `json:"field"`
	Summary       string `json:"summary"`
	QuestionCount int    `json:"question_count"`
}

// RoleDetail is a role with the counts that its page shows.
type RoleDetail struct {
	Role
	QuestionCount int            `json:"question_count"`
	ScenarioCount int            `json:"scenario_count"`
	TermCount     int            `json:"term_count"`
	AreaCounts    map[string]int `json:"area_counts"`
	TypeCounts    map[string]int `json:"type_counts"`
}

// QuestionFilter selects the questions of a role.
type QuestionFilter struct {
	Role string       // role slug, required
	Area string       // area id
	Type QuestionType // question type
}

// QuestionSummary is a question as a list shows it.
type QuestionSummary struct {
	ID    string       `json:"id"`
	Text  string       `json:"text"`
	Area  string       `json:"area"`
	Type  QuestionType `json:"type"`
	Level Level        `json:"level"`
}

// QuestionDetail is a question with the role it belongs to and its related
// glossary terms resolved.
type QuestionDetail struct {
	Question
	RoleSlug     string `json:"role"`
	RoleTitle    string `json:"role_title"`
	AreaName     string `json:"area_name"`
	RelatedTerms []Term `json:"related_terms"`
}

// ScenarioDetail is a scenario with the role it belongs to.
type ScenarioDetail struct {
	Scenario
	RoleSlug  string `json:"role"`
	RoleTitle string `json:"role_title"`
	AreaName  string `json:"area_name"`
}

// Slugify turns a name into a lowercase slug of letters and digits joined
// by single dashes: "Healthcare and Medicine" becomes
// "healthcare-and-medicine".
func Slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		default:
			dash = true
		}
	}
	return b.String()
}
