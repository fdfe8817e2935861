// Command rehearse is the Rehearse interview coach: a web server, a JSON
// API and the operator's tools in one binary.
//
//	rehearse serve [--addr ADDR] [--db PATH|URL]
//	rehearse pack lint PATH...
//	rehearse pack import [--db PATH|URL] PATH...
//	rehearse pack gen --roles N --questions M --seed S --out DIR
//	rehearse feedback --question ID [--json] [FILE|-]
//	rehearse version
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/pprof"
	"syscall"
)

// Version is set at build time with -ldflags "-X main.Version=...".
var Version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(profiled(os.Getenv("REHEARSE_CPUPROFILE"), func() int {
		return run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	}))
}

// profiled runs f, writing a CPU profile to path when path is set (a
// measuring aid, see docs/performance.md).
func profiled(path string, f func() int) int {
	if path == "" {
		return f()
	}
	out, err := os.Create(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, "rehearse:", err)
		return 1
	}
	defer out.Close()
	if err := pprof.StartCPUProfile(out); err != nil {
		fmt.Fprintln(os.Stderr, "rehearse:", err)
		return 1
	}
	defer pprof.StopCPUProfile()
	return f()
}

// errUsage marks an error whose message is already printed with the usage.
var errUsage = errors.New("usage")

const usage = `Rehearse: interview practice that stays on your machine.

Usage:
  rehearse serve [--addr ADDR] [--db PATH|URL]   run the web app (default http://127.0.0.1:8080)
  rehearse pack lint PATH...                     check role packs; problems as file:line:col
  rehearse pack import [--db PATH|URL] PATH...   check and import role packs into the database
  rehearse pack gen --roles N --questions M --seed S --out DIR
                                                 write a synthetic catalog for measurements
  rehearse feedback --question ID [--json] [FILE|-]
                                                 feedback on an answer read from FILE or stdin
  rehearse eval [--set DIR] [--misses] [--redflags]
                                                 measure the feedback engine (or its red flags)
                                                 on labelled answers
  rehearse version                               print the version

Settings also come from REHEARSE_ADDR and REHEARSE_DB. --db takes a file path
(SQLite) or a postgres:// URL (PostgreSQL).
`

// run is the whole program; it returns the exit code.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	var err error
	switch args[0] {
	case "serve":
		err = serveCmd(ctx, args[1:], getenv, stdout, stderr)
	case "pack":
		err = packCmd(ctx, args[1:], getenv, stdout, stderr)
	case "feedback":
		err = feedbackCmd(ctx, args[1:], getenv, os.Stdin, stdout, stderr)
	case "eval":
		err = evalCmd(args[1:], stdout, stderr)
	case "version":
		fmt.Fprintln(stdout, "rehearse", Version)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
	default:
		fmt.Fprintf(stderr, "rehearse: unknown command %q\n\n%s", args[0], usage)
		return 2
	}
	switch {
	case err == nil:
		return 0
	case errors.Is(err, errUsage):
		return 2
	default:
		fmt.Fprintln(stderr, "rehearse:", err)
		return 1
	}
}
