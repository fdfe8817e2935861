package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/rehearse/rehearse/pack"
)

func importCmd(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	cfg := defaultConfig(getenv)
	fs := flag.NewFlagSet("pack import", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&cfg.DB, "db", cfg.DB, "SQLite file path or postgres:// URL")
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(stderr, "usage: rehearse pack import [--db PATH|URL] PATH...")
		return errUsage
	}
	packs, problems := pack.ReadAll(pack.OS, fs.Args()...)
	if err := report(problems, stderr); err != nil {
		return err
	}
	store, err := openStore(ctx, cfg.DB)
	if err != nil {
		return err
	}
	defer store.Close()
	res, err := pack.Import(ctx, store, packs)
	fmt.Fprintf(stdout, "imported %d role(s), %d unchanged\n", res.Imported, res.Unchanged)
	return err
}
