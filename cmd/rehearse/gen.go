package main

import (
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/rehearse/rehearse/pack/gen"
)

// genCmd writes a synthetic catalog for measurements.
func genCmd(args []string, stdout, stderr io.Writer) error {
	var o gen.Options
	var out string
	fs := flag.NewFlagSet("pack gen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.IntVar(&o.Roles, "roles", 50, "number of roles")
	fs.IntVar(&o.Questions, "questions", 100, "questions per role")
	fs.Uint64Var(&o.Seed, "seed", 1, "random seed; the same seed writes the same bytes")
	fs.StringVar(&out, "out", "", "folder to write the packs into (created when missing)")
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	if out == "" || fs.NArg() > 0 {
		fmt.Fprintln(stderr, "usage: rehearse pack gen --roles N --questions M --seed S --out DIR")
		return errUsage
	}
	if err := o.Validate(); err != nil {
		fmt.Fprintln(stderr, "rehearse pack gen:", err)
		return errUsage
	}
	start := time.Now()
	bar := newProgress(stdout, "generate", o.Roles)
	if err := gen.Write(out, o, bar.set); err != nil {
		return fmt.Errorf("generate packs in %s: %w", out, err)
	}
	bar.done()
	fmt.Fprintf(stdout, "wrote %d role(s) of %d question(s) to %s in %.1fs\n", o.Roles, o.Questions, out, time.Since(start).Seconds())
	return nil
}
