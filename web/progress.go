package web

import (
	"fmt"
	"net/http"
	"time"

	"github.com/rehearse/rehearse"
	"github.com/rehearse/rehearse/api"
	"github.com/rehearse/rehearse/progress"
)

type progressPage struct {
	basePage
	R       *rehearse.RoleDetail
	P       progress.Report
	Due     int
	Chart   barChart
	Trend   lineChart
	Started bool
}

// barChart is an SVG bar chart laid out on the server.
type barChart struct {
	Width, Height int
	Bars          []bar
	Max           int
}

type bar struct {
	X, Y, W, H int
	Label      string
	Value      int
}

// lineChart is an SVG line of coverage per active day.
type lineChart struct {
	Width, Height int
	Points        string // "x,y x,y ..." for <polyline>
	Dots          []dot
}

type dot struct {
	X, Y  int
	Label string
}

const chartW, chartH, chartPad = 560, 160, 20

func newBarChart(days []progress.Day) barChart {
	c := barChart{Width: chartW, Height: chartH, Max: 1}
	for _, d := range days {
		c.Max = max(c.Max, d.Attempts)
	}
	slot := (chartW - 2*chartPad) / len(days)
	for i, d := range days {
		h := d.Attempts * (chartH - 2*chartPad) / c.Max
		c.Bars = append(c.Bars, bar{X: chartPad + i*slot + slot/6, Y: chartH - chartPad - h, W: slot * 2 / 3, H: h,
			Label: d.Date.Format("Jan 2"), Value: d.Attempts})
	}
	return c
}

func newLineChart(days []progress.Day) lineChart {
	c := lineChart{Width: chartW, Height: chartH}
	slot := (chartW - 2*chartPad) / len(days)
	for i, d := range days {
		if d.Attempts == 0 {
			continue
		}
		x := chartPad + i*slot + slot/2
		y := chartH - chartPad - int(d.Coverage*float64(chartH-2*chartPad))
		c.Points += fmt.Sprintf("%d,%d ", x, y)
		c.Dots = append(c.Dots, dot{X: x, Y: y, Label: fmt.Sprintf("%s: %.0f%%", d.Date.Format("Jan 2"), d.Coverage*100)})
	}
	return c
}

// progressPage shows readiness by area, activity and coverage over the
// last two weeks, the streak, reviews due and the weakest areas.
func (s *Server) progress(w http.ResponseWriter, r *http.Request) error {
	role, pr, err := api.Progress(r.Context(), s.store, r.PathValue("slug"), time.Now().UTC())
	if err != nil {
		return err
	}
	rep := pr.Report
	p := &progressPage{basePage: basePage{Title: "Progress: " + role.Title, Role: role.Slug}, R: role, P: rep, Due: pr.Due,
		Chart: newBarChart(rep.Daily), Trend: newLineChart(rep.Daily), Started: rep.Attempts > 0}
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, http.StatusOK, "progress", p)
	return nil
}
