package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"runtime"
	"runtime/debug"
	"time"

	"github.com/rehearse/rehearse"
	"github.com/rehearse/rehearse/content"
	"github.com/rehearse/rehearse/pack"
	"github.com/rehearse/rehearse/web"
)

func serveCmd(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	cfg := defaultConfig(getenv)
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&cfg.Addr, "addr", cfg.Addr, "address to listen on (host:port)")
	fs.StringVar(&cfg.DB, "db", cfg.DB, "SQLite file path or postgres:// URL (default: a file in your data folder)")
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	logger := slog.New(slog.NewTextHandler(stderr, nil))
	start := time.Now()
	serverGC(getenv)
	serverProcs(getenv)

	store, err := openStore(ctx, cfg.DB)
	if err != nil {
		return err
	}
	defer store.Close()
	loadPacks(ctx, store, content.FS, logger)

	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("cannot listen on %s: %w", cfg.Addr, err)
	}
	srv := &http.Server{
		Handler:           web.New(store, logger),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	logger.Info("ready", "startup_ms", time.Since(start).Milliseconds())
	fmt.Fprintf(stdout, "Rehearse is running at http://%s/ (press Ctrl+C to stop)\n", ln.Addr())

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	logger.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// loadPacks imports the packs of fsys (the ones embedded in the binary, at
// start-up). A pack that fails lint is not imported: its problems are
// logged and the version already in the database, if any, keeps being
// served. The other packs are imported.
func loadPacks(ctx context.Context, store rehearse.Store, fsys fs.FS, logger *slog.Logger) {
	paths, err := changedPacks(ctx, store, fsys)
	if err != nil {
		logger.Error("shipped content", "err", err)
		return
	}
	if len(paths) == 0 {
		logger.Info("content unchanged")
		return
	}
	packs, problems := pack.ReadAll(fsys, paths...)
	for _, p := range problems {
		logger.Error("shipped pack problem; that pack is not imported", "problem", p.String())
	}
	res, err := pack.Import(ctx, store, pack.Clean(packs), nil)
	if err != nil {
		logger.Error("import shipped content", "err", err)
		return
	}
	logger.Info("content loaded", "imported", res.Imported, "unchanged", res.Unchanged)
}

// loadShippedContentQuietly imports the shipped packs for a command other
// than serve, without logging.
func loadShippedContentQuietly(ctx context.Context, store rehearse.Store) {
	loadPacks(ctx, store, content.FS, slog.New(slog.NewTextHandler(io.Discard, nil)))
}

// changedPacks lists the shipped packs whose content hash differs from the
// stored one (see pack.Changed), so that an unchanged binary starts without
// parsing any pack.
func changedPacks(ctx context.Context, store rehearse.Store, fsys fs.FS) ([]string, error) {
	all, err := pack.Discover(fsys, ".")
	if err != nil {
		return nil, err
	}
	stored, err := store.ContentHashes(ctx)
	if err != nil {
		return nil, err
	}
	return pack.Changed(fsys, all, stored)
}

// serverGC makes the garbage collector run less often than Go's default,
// unless GOGC or GOMEMLIMIT are set: the server's live heap is small (8 MB
// under feedback load, tens of MB with the page cache full), and each
// collection under load delays the requests in flight, so collecting at
// 11 times the live heap instead of 5 cut the feedback endpoint's p99
// under 50 clients from 8.9-9.2 to 8.3-8.4 ms (400 -> 1000;
// docs/performance.md). The cost is memory: resident 80 -> 140 MB under
// that load, 75 -> 115 MB after bench/pages.sh. The 160 MiB soft limit
// makes it collect sooner once the heap nears it, so the resident size
// stays under the 200 MB goal; with a live heap over 15 MB the limit, not
// the percentage, decides when to collect.
func serverGC(getenv func(string) string) {
	if getenv("GOGC") != "" || getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetGCPercent(1000)
	debug.SetMemoryLimit(160 << 20)
}

// serverProcs runs the server with one more scheduler thread than CPUs,
// unless GOMAXPROCS is set. Feedback analyses run on one worker per CPU but
// one (api.analyses); the spare thread lets the goroutine of a request
// whose analysis is done write its response while the worker goes on with
// the next one. On 2 cores under 50 clients, p99 with the spare thread
// 8.8-9.6 ms, without 10.1-10.4 ms (docs/performance.md).
func serverProcs(getenv func(string) string) {
	if getenv("GOMAXPROCS") != "" {
		return
	}
	runtime.GOMAXPROCS(runtime.GOMAXPROCS(0) + 1)
}
