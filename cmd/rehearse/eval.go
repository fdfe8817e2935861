package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/rehearse/rehearse/content"
	"github.com/rehearse/rehearse/evaluation"
	"github.com/rehearse/rehearse/pack"
)

// evalCmd measures the feedback engine on a labelled answer set and exits
// non-zero below the goals.
func evalCmd(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	fs.SetOutput(stderr)
	set := fs.String("set", "analysis/testdata/eval", "folder of labelled answers (*.yaml)")
	misses := fs.Bool("misses", false, "list every disagreement with the labels")
	redFlags := fs.Bool("redflags", false, "the set labels the red flags answers raise (see docs/feedback.md)")
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	packs, problems := pack.ReadAll(content.FS, ".")
	if len(problems) > 0 {
		return fmt.Errorf("shipped packs have %d problem(s); run rehearse pack lint content", len(problems))
	}
	if *redFlags {
		return evalRedFlags(packs, *set, *misses, stdout)
	}
	entries, err := evaluation.Load(os.DirFS(filepath.Dir(*set)), filepath.Base(*set))
	if err != nil {
		return err
	}
	m, err := evaluation.Run(entries, evaluation.PackLookup(packs))
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, m)
	if *misses {
		for _, s := range m.Misses {
			fmt.Fprintln(stdout, s)
		}
	}
	if below := m.Below(evaluation.Goals); len(below) > 0 {
		return fmt.Errorf("below the goals: %v", below)
	}
	return nil
}

// evalRedFlags measures the pack red flags on a red-flag set.
func evalRedFlags(packs []*pack.Pack, set string, misses bool, stdout io.Writer) error {
	entries, err := evaluation.LoadRedFlags(os.DirFS(filepath.Dir(set)), filepath.Base(set))
	if err != nil {
		return err
	}
	m, err := evaluation.RunRedFlags(entries, evaluation.PackLookup(packs))
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, m)
	if misses {
		for _, s := range m.Misses {
			fmt.Fprintln(stdout, s)
		}
	}
	return nil
}
