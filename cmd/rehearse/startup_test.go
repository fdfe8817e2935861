package main

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/rehearse/rehearse/sqlite"
)

// TestStartupKeepsLastGoodContent: when a pack turns broken, start-up logs
// its problem with file and line, keeps serving the version already in the
// database, and still imports the other packs.
func TestStartupKeepsLastGoodContent(t *testing.T) {
	ctx := context.Background()
	good, err := os.ReadFile("../../pack/testdata/good/front-desk-lead.yaml")
	if err != nil {
		t.Fatal(err)
	}
	other, err := os.ReadFile("../../pack/testdata/good/clinic-manager/role.yaml")
	if err != nil {
		t.Fatal(err)
	}
	otherQ, err := os.ReadFile("../../pack/testdata/good/clinic-manager/questions.yaml")
	if err != nil {
		t.Fatal(err)
	}
	store, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	var logs strings.Builder
	logger := slog.New(slog.NewTextHandler(&logs, nil))

	loadPacks(ctx, store, fstest.MapFS{"front-desk-lead.yaml": {Data: good}}, logger)
	broken := strings.Replace(string(good), "title: Front Desk Lead", "title: [Front Desk Lead", 1)
	loadPacks(ctx, store, fstest.MapFS{
		"front-desk-lead.yaml":          {Data: []byte(broken)},
		"clinic-manager/role.yaml":      {Data: other},
		"clinic-manager/questions.yaml": {Data: otherQ},
	}, logger)

	r, err := store.Role(ctx, "front-desk-lead")
	if err != nil || r.Title != "Front Desk Lead" {
		t.Errorf("after a broken update: role = %v, %v; want the last good version", r, err)
	}
	if _, err := store.Role(ctx, "clinic-manager"); err != nil {
		t.Errorf("the clean pack beside the broken one was not imported: %v", err)
	}
	if !regexp.MustCompile(`front-desk-lead\.yaml:\d+:\d+: YAML syntax`).MatchString(logs.String()) {
		t.Errorf("the log does not name the broken file and line:\n%s", logs.String())
	}
	// Unchanged packs are skipped without parsing.
	logs.Reset()
	loadPacks(ctx, store, fstest.MapFS{"front-desk-lead.yaml": {Data: good}}, slog.New(slog.NewTextHandler(&logs, nil)))
	if !strings.Contains(logs.String(), "content unchanged") {
		t.Errorf("unchanged content was parsed again:\n%s", logs.String())
	}
}
