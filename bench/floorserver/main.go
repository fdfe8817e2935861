// Command floorserver is the reference bench/feedback.sh measures the
// feedback endpoint against: a Go net/http server that answers every
// request with the same bytes after burning a fixed amount of CPU, nothing
// else. Its latency under the same load tool shows what any Go handler
// doing that much work gets on the machine.
//
//	floorserver --addr 127.0.0.1:18084 --body FILE --work 100us
package main

import (
	"flag"
	"fmt"
	"net/http"
	"os"
	"runtime"
	"strconv"
	"time"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:18084", "address to listen on")
	body := flag.String("body", "", "file whose bytes every response carries")
	work := flag.Duration("work", 0, "CPU time to burn per request")
	flag.Parse()
	b, err := os.ReadFile(*body)
	if err != nil {
		fmt.Fprintln(os.Stderr, "floorserver:", err)
		os.Exit(2)
	}
	length := strconv.Itoa(len(b))
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		n := 0
		for start := time.Now(); time.Since(start) < *work; {
			n++
		}
		runtime.KeepAlive(n) // the busy loop stays

		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", length)
		_, _ = w.Write(b)
	})
	if err := http.ListenAndServe(*addr, nil); err != nil {
		fmt.Fprintln(os.Stderr, "floorserver:", err)
		os.Exit(1)
	}
}
