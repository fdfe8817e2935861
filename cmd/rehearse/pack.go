package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/rehearse/rehearse/pack"
)

func packCmd(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, "usage: rehearse pack lint PATH... | rehearse pack import [--db PATH|URL] PATH... | rehearse pack gen --roles N --questions M --seed S --out DIR\n")
		return errUsage
	}
	switch args[0] {
	case "lint":
		return lintCmd(args[1:], stdout, stderr)
	case "import":
		return importCmd(ctx, args[1:], getenv, stdout, stderr)
	case "gen":
		return genCmd(args[1:], stdout, stderr)
	}
	fmt.Fprintf(stderr, "rehearse pack: unknown command %q (lint, import, gen)\n", args[0])
	return errUsage
}

func lintCmd(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("pack lint", flag.ContinueOnError)
	fs.SetOutput(stderr)
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(stderr, "usage: rehearse pack lint PATH...")
		return errUsage
	}
	packs, problems := pack.ReadAll(pack.OS, fs.Args()...)
	if err := report(problems, stderr); err != nil {
		return err
	}
	for _, pk := range packs {
		r := pk.Role
		fmt.Fprintf(stdout, "ok  %s: %d questions, %d scenarios, %d terms, %d tips\n", pk.Path, len(r.Questions), len(r.Scenarios), len(r.Glossary), len(r.Tips))
	}
	return nil
}

// report prints problems one per line and returns an error naming their
// count, or nil when there are none.
func report(problems []pack.Problem, w io.Writer) error {
	for _, p := range problems {
		fmt.Fprintln(w, p)
	}
	if n := len(problems); n > 0 {
		return fmt.Errorf("%d problem(s) found; nothing was changed", n)
	}
	return nil
}
