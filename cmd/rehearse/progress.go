package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"
)

// progress reports how far a long command has got: a bar redrawn in place
// on a terminal, plain lines (every tenth of the way) otherwise, so that a
// log file stays readable.
type progress struct {
	w        io.Writer
	what     string
	total    int
	terminal bool
	start    time.Time
	last     time.Time // last redraw on a terminal
	lastTen  int       // last tenth printed as a plain line
	n        int
}

func newProgress(w io.Writer, what string, total int) *progress {
	return &progress{w: w, what: what, total: total, terminal: isTerminal(w), start: time.Now()}
}

// isTerminal reports whether w is a character device such as a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// set records that n of total are done.
func (p *progress) set(n int) {
	if p == nil || p.total == 0 {
		return
	}
	p.n = n
	if p.terminal {
		if time.Since(p.last) < 100*time.Millisecond && n < p.total {
			return
		}
		p.last = time.Now()
		const width = 30
		full := width * n / p.total
		fmt.Fprintf(p.w, "\r%s [%s%s] %d/%d %3d%% %s", p.what, strings.Repeat("#", full), strings.Repeat("-", width-full),
			n, p.total, 100*n/p.total, time.Since(p.start).Round(time.Second))
		return
	}
	if ten := 10 * n / p.total; ten > p.lastTen {
		p.lastTen = ten
		fmt.Fprintf(p.w, "%s: %d/%d (%d%%) %.1fs\n", p.what, n, p.total, 100*n/p.total, time.Since(p.start).Seconds())
	}
}

// done ends the bar's line on a terminal.
func (p *progress) done() {
	if p != nil && p.terminal && p.n > 0 {
		fmt.Fprintln(p.w)
	}
}
