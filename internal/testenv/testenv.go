// Package testenv reads the variables that point tests at real parts
// (a PostgreSQL server, a Chromium binary). Without the variable a test is
// skipped, unless REHEARSE_TEST_REQUIRE is set (CI sets it): then the test
// fails, so a suite cannot pass by skipping what it must run.
package testenv

import (
	"os"
	"testing"
)

// Get returns the value of the environment variable name, skipping the test
// (or failing it when REHEARSE_TEST_REQUIRE is set) if it is empty. what
// names the tests for the message ("PostgreSQL tests").
func Get(tb testing.TB, name, what string) string {
	tb.Helper()
	v := os.Getenv(name)
	if v == "" && os.Getenv("REHEARSE_TEST_REQUIRE") != "" {
		tb.Fatalf("REHEARSE_TEST_REQUIRE is set but %s is not", name)
	}
	if v == "" {
		tb.Skipf("%s is not set; skipping %s", name, what)
	}
	return v
}
