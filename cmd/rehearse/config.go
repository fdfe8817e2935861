package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/rehearse/rehearse"
	"github.com/rehearse/rehearse/postgres"
	"github.com/rehearse/rehearse/sqlite"
)

// Config is every setting of the program. Defaults come first, then
// REHEARSE_* environment variables, then flags.
type Config struct {
	Addr string // listen address of serve
	DB   string // SQLite file path or postgres:// URL
}

// defaultConfig returns the defaults overridden by the environment.
func defaultConfig(getenv func(string) string) Config {
	cfg := Config{Addr: "127.0.0.1:8080"}
	if v := getenv("REHEARSE_ADDR"); v != "" {
		cfg.Addr = v
	}
	cfg.DB = getenv("REHEARSE_DB")
	return cfg
}

// isPostgres reports whether dsn names a PostgreSQL database.
func isPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// openStore opens the database that dsn names; an empty dsn means the
// SQLite file in the per-user data folder, created when missing.
func openStore(ctx context.Context, dsn string) (rehearse.Store, error) {
	if isPostgres(dsn) {
		return postgres.Open(ctx, dsn)
	}
	if dsn == "" {
		dir, err := dataDir()
		if err != nil {
			return nil, err
		}
		dsn = filepath.Join(dir, "rehearse.db")
	}
	return sqlite.Open(ctx, dsn)
}

// dataDir returns (creating it) the per-user folder for the database:
// $XDG_DATA_HOME/rehearse, ~/.local/share/rehearse on Linux, the user
// config folder elsewhere, or the working directory as a last resort.
func dataDir() (string, error) {
	var base string
	if x := os.Getenv("XDG_DATA_HOME"); x != "" {
		base = x
	} else if home, err := os.UserHomeDir(); err == nil && runtime.GOOS == "linux" {
		base = filepath.Join(home, ".local", "share")
	} else if cfg, err := os.UserConfigDir(); err == nil {
		base = cfg
	} else {
		return ".", nil
	}
	dir := filepath.Join(base, "rehearse")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("cannot create data folder %s: %w", dir, err)
	}
	return dir, nil
}
