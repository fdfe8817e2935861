// Command searchbench measures full-text search on a database that holds a
// generated catalog (rehearse pack gen): a mixed set of queries (rare
// term, very common term, phrase, prefix, two words, role-filtered,
// nothing found) sent straight to the store, so no page cache is involved,
// with the latency percentiles of each kind and of all of them.
//
//	go run ./bench/searchbench --db PATH|URL [--seed S] [--roles N] [--per-kind N]
package main

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"runtime/pprof"
	"slices"
	"strings"
	"time"

	"github.com/rehearse/rehearse"
	"github.com/rehearse/rehearse/pack/gen"
	"github.com/rehearse/rehearse/postgres"
	"github.com/rehearse/rehearse/sqlite"
)

func main() {
	db := flag.String("db", "", "SQLite file or postgres:// URL holding the catalog")
	seed := flag.Uint64("seed", 1, "seed the catalog was generated with")
	roles := flag.Int("roles", 5000, "number of generated roles in the catalog")
	perKind := flag.Int("per-kind", 40, "queries of each kind")
	flag.DurationVar(&slow, "slow", 0, "print each query that takes longer than this (0: none)")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the measured queries to this file")
	flag.Parse()
	if *db == "" {
		fmt.Fprintln(os.Stderr, "usage: searchbench --db PATH|URL [--seed S] [--roles N] [--per-kind N]")
		os.Exit(2)
	}
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err == nil {
			err = pprof.StartCPUProfile(f)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "searchbench:", err)
			os.Exit(1)
		}
		defer pprof.StopCPUProfile()
	}
	if err := run(*db, gen.Options{Roles: *roles, Questions: 1, Seed: *seed}, *perKind); err != nil {
		fmt.Fprintln(os.Stderr, "searchbench:", err)
		pprof.StopCPUProfile()
		os.Exit(1)
	}
}

func open(ctx context.Context, dsn string) (rehearse.Store, error) {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		return postgres.Open(ctx, dsn)
	}
	if _, err := os.Stat(dsn); err != nil {
		return nil, fmt.Errorf("database %s: %w", dsn, err)
	}
	return sqlite.Open(ctx, dsn)
}

// query is one search of the benchmark.
type query struct {
	kind string
	q    rehearse.SearchQuery
}

var (
	common  = []string{"team", "process", "schedule", "report", "budget", "customer", "staff", "project", "data", "policy"}
	phrases = []string{`"root cause analysis"`, `"shift coverage"`, `"budget variance report"`, `"first pass yield"`, `"prior authorization"`, `"weekly scorecard"`, `"escalation policy"`, `"lessons learned"`}
	prefix  = []string{"sched*", "recon*", "escal*", "budg*", "cred*", "invent*", "complian*", "onboard*"}
	pairs   = []string{"budget forecast", "vendor contract", "safety stock", "claim denial", "team morale", "overdue invoice", "shift report", "data pipeline"}
)

// queries builds the mixed query set; role-filtered queries pick roles
// from the database.
func queries(ctx context.Context, s rehearse.Store, o gen.Options, n int) ([]query, error) {
	rng := rand.New(rand.NewPCG(o.Seed, 99))
	total, err := roleCount(ctx, s)
	if err != nil {
		return nil, err
	}
	var qs []query
	add := func(kind, text, role string) {
		qs = append(qs, query{kind, rehearse.SearchQuery{Text: text, Role: role}})
	}
	for i := range n {
		add("rare term", gen.RareWord(o, rng.IntN(o.Roles)), "")
		add("common term", common[i%len(common)], "")
		add("phrase", phrases[i%len(phrases)], "")
		add("prefix", prefix[i%len(prefix)], "")
		add("two words", pairs[i%len(pairs)], "")
		roles, _, err := s.Roles(ctx, rehearse.RoleFilter{Offset: rng.IntN(total), Limit: 1})
		if err != nil || len(roles) == 0 {
			return nil, fmt.Errorf("pick a role: %v", err)
		}
		add("role-filtered", common[rng.IntN(len(common))], roles[0].Slug)
		add("nothing found", fmt.Sprintf("zq%dxv", rng.IntN(1_000_000)), "")
	}
	rng.Shuffle(len(qs), func(i, j int) { qs[i], qs[j] = qs[j], qs[i] })
	return qs, nil
}

func roleCount(ctx context.Context, s rehearse.Store) (int, error) {
	_, total, err := s.Roles(ctx, rehearse.RoleFilter{Limit: 1})
	if err == nil && total == 0 {
		err = fmt.Errorf("the database holds no roles; import a catalog first")
	}
	return total, err
}

// slow is the -slow flag.
var slow time.Duration

func run(dsn string, o gen.Options, n int) error {
	ctx := context.Background()
	s, err := open(ctx, dsn)
	if err != nil {
		return err
	}
	defer s.Close()
	qs, err := queries(ctx, s, o, n)
	if err != nil {
		return err
	}
	// One warm-up pass over a few queries loads the database's own caches.
	for _, q := range qs[:min(len(qs), 20)] {
		if _, err := s.Search(ctx, q.q); err != nil {
			return fmt.Errorf("search %q: %w", q.q.Text, err)
		}
	}
	times := map[string][]time.Duration{}
	hits := map[string]int{}
	for _, q := range qs {
		start := time.Now()
		res, err := s.Search(ctx, q.q)
		if err != nil {
			return fmt.Errorf("search %q: %w", q.q.Text, err)
		}
		d := time.Since(start)
		if slow > 0 && d > slow {
			fmt.Fprintf(os.Stderr, "slow: %-13s %-28q role %-20q %6.1f ms\n", q.kind, q.q.Text, q.q.Role, float64(d.Microseconds())/1000)
		}
		times[q.kind] = append(times[q.kind], d)
		times["all"] = append(times["all"], d)
		hits[q.kind] += len(res.Hits)
	}
	fmt.Printf("%-14s %5s %9s %9s %9s %9s %9s\n", "kind", "n", "hits/q", "p50_ms", "p95_ms", "p99_ms", "max_ms")
	for _, k := range []string{"rare term", "common term", "phrase", "prefix", "two words", "role-filtered", "nothing found", "all"} {
		ds := times[k]
		slices.Sort(ds)
		h := float64(hits[k]) / float64(len(ds))
		if k == "all" {
			h = 0
			for _, v := range hits {
				h += float64(v)
			}
			h /= float64(len(ds))
		}
		fmt.Printf("%-14s %5d %9.1f %9.2f %9.2f %9.2f %9.2f\n", k, len(ds), h, ms(pct(ds, 50)), ms(pct(ds, 95)), ms(pct(ds, 99)), ms(ds[len(ds)-1]))
	}
	return nil
}

// pct returns the p-th percentile of sorted durations (nearest rank).
func pct(ds []time.Duration, p int) time.Duration {
	i := (len(ds)*p + 99) / 100
	return ds[max(0, min(len(ds)-1, i-1))]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
