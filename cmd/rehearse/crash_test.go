package main

import (
	"bufio"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestMain lets the test binary act as the rehearse program when
// REHEARSE_TEST_MAIN is set, so that a test can run it as a separate
// process and kill it.
func TestMain(m *testing.M) {
	if os.Getenv("REHEARSE_TEST_MAIN") == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

// startProcess runs `rehearse serve` as a child process on db and returns
// its URL.
func startProcess(t *testing.T, db string) (*exec.Cmd, string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "serve", "--addr", "127.0.0.1:0", "--db", db)
	cmd.Env = append(os.Environ(), "REHEARSE_TEST_MAIN=1")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		cmd.Process.Kill()
		t.Fatalf("child did not start: %v", err)
	}
	go io.Copy(io.Discard, out)
	return cmd, strings.TrimSuffix(regexp.MustCompile(`http://\S+/`).FindString(line), "/")
}

// TestDraftSurvivesKill: a draft the server acknowledged is still there
// after the server is killed with SIGKILL and started again.
func TestDraftSurvivesKill(t *testing.T) {
	db := filepath.Join(t.TempDir(), "crash.db")
	cmd, url := startProcess(t, db)
	draft := `{"answer":"Half of my answer about the four-physician practice"}`
	req, _ := http.NewRequest(http.MethodPut, url+"/api/v1/questions/mom-bg-previous-experience/draft", strings.NewReader(draft))
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != http.StatusOK {
		cmd.Process.Kill()
		t.Fatalf("PUT draft = %v, %v", resp, err)
	}
	resp.Body.Close()
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()

	cmd, url = startProcess(t, db)
	defer func() { cmd.Process.Signal(syscall.SIGTERM); cmd.Wait() }()
	deadline := time.Now().Add(10 * time.Second)
	for {
		resp, err = http.Get(url + "/api/v1/questions/mom-bg-previous-experience/draft")
		if err == nil || time.Now().After(deadline) {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), "Half of my answer") {
		t.Errorf("after kill -9 and restart: GET draft = %d %s", resp.StatusCode, body)
	}
}
