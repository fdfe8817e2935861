package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/rehearse/rehearse"
	"github.com/rehearse/rehearse/analysis"
	"github.com/rehearse/rehearse/api"
)

// feedbackCmd prints the feedback on an answer read from a file or stdin.
func feedbackCmd(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	cfg := defaultConfig(getenv)
	fs := flag.NewFlagSet("feedback", flag.ContinueOnError)
	fs.SetOutput(stderr)
	id := fs.String("question", "", "question id, e.g. mom-bg-previous-experience")
	asJSON := fs.Bool("json", false, "print the result as JSON (the API's format)")
	duration := fs.Float64("duration", 0, "speaking time in seconds, if known")
	fs.StringVar(&cfg.DB, "db", cfg.DB, "SQLite file path or postgres:// URL")
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	if *id == "" || fs.NArg() > 1 {
		fmt.Fprintln(stderr, "usage: rehearse feedback --question ID [--json] [--duration SECONDS] [FILE|-]")
		return errUsage
	}
	in := stdin
	if fs.NArg() == 1 && fs.Arg(0) != "-" {
		f, err := os.Open(fs.Arg(0))
		if err != nil {
			return err
		}
		defer f.Close()
		in = f
	}
	text, err := io.ReadAll(io.LimitReader(in, 4*rehearse.MaxAnswerChars+1))
	if err != nil {
		return err
	}
	store, err := openStore(ctx, cfg.DB)
	if err != nil {
		return err
	}
	defer store.Close()
	loadShippedContentQuietly(ctx, store)
	req := rehearse.AnswerRequest{Answer: string(text), DurationSeconds: *duration}
	q, res, err := api.Feedback(ctx, store, *id, &req)
	if err != nil {
		return fmt.Errorf("%s", rehearse.ErrorMessage(err))
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(api.FeedbackResponse{QuestionID: q.ID, Result: res})
	}
	printFeedback(stdout, q, res)
	return nil
}

// printFeedback writes the result for a terminal.
func printFeedback(w io.Writer, q *rehearse.QuestionDetail, r *analysis.Result) {
	fmt.Fprintf(w, "%s\n\n", q.Text)
	fmt.Fprintf(w, "Level: %s. %s (coverage %.0f%%)\n\n", strings.ReplaceAll(string(r.Summary.Level), "_", " "), r.Summary.Headline, r.Summary.Coverage*100)
	for _, f := range r.Flags {
		fmt.Fprintf(w, "[%s] %s%s\n", f.Severity, f.Message, quotes(f.Evidence))
	}
	if len(r.Flags) > 0 {
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w, "Talking points:")
	for _, tp := range r.TalkingPoints {
		mark := "  [ ]"
		if tp.Covered {
			mark = "  [x]"
		}
		fmt.Fprintf(w, "%s %s%s\n", mark, tp.Label, quotes(tp.Evidence))
	}
	fmt.Fprintf(w, "\nStructure (%s):", r.Structure.Kind)
	for _, p := range r.Structure.Parts {
		state := "missing"
		if p.Present {
			state = "yes"
		}
		fmt.Fprintf(w, " %s: %s;", p.Name, state)
	}
	d := r.Delivery
	fmt.Fprintf(w, "\nDelivery: %d words, about %d s spoken (target %d-%d s, %s)", d.Words, d.EstimatedSeconds, d.TargetSeconds[0], d.TargetSeconds[1], d.Length)
	if d.WordsPerMinute > 0 {
		fmt.Fprintf(w, ", %.0f words a minute (%s)", d.WordsPerMinute, d.Pace)
	}
	fmt.Fprintln(w, ".")
	if len(r.Terms.Used) > 0 {
		fmt.Fprintln(w, "\nJob terms you used:")
		for _, t := range r.Terms.Used {
			fmt.Fprintf(w, "  %s: %s\n", t.Term, t.Definition)
		}
	}
	fmt.Fprintln(w, "\nNext steps:")
	for i, s := range r.NextSteps {
		fmt.Fprintf(w, "  %d. %s\n", i+1, s.Text)
	}
}

func quotes(spans []analysis.Span) string {
	if len(spans) == 0 {
		return ""
	}
	var q []string
	for _, s := range spans {
		q = append(q, "“"+s.Text+"”")
	}
	return " — " + strings.Join(q, ", ")
}
