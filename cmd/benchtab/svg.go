package main

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"math"
	"strings"
)

// Chart geometry, in SVG user units (pixels).
const (
	chartWidth  = 760
	labelWidth  = 130 // operation names, left of the bars
	valueWidth  = 150 // value labels, right of the longest bar
	chartTop    = 64  // title and legend
	chartBottom = 44  // axis ticks and axis title
	barHeight   = 16
	barGap      = 3
	groupGap    = 14
	tickTarget  = 5 // about this many axis divisions

	colourLinux = "#4e79a7"
	colourText  = "#222222"
	colourMuted = "#777777"
	colourGrid  = "#dddddd"

	legendRow = 18 // height of one line of the legend
)

// colourRingside are the bar colours of the ringside builds: the default
// design first, then one per design, repeating after the last.
var colourRingside = []string{"#f28e2b", "#59a14f", "#e15759", "#b07aa1",
	"#76b7b2", "#edc948", "#9c755f"}

// SVG draws the rows as a horizontal grouped bar chart: per operation a
// Linux bar over one bar per ringside build (the default design, then the
// others) on one linear axis, each labelled with its value (and ringside's
// with the ratio). A side without a value gets a "not measured" note
// instead of a bar.
func SVG(rows []Row, title string) []byte {
	type series struct{ name, colour string }
	legend := []series{{"Linux", colourLinux}}
	if len(rows) > 0 {
		for j, res := range rows[0].Results() {
			name := "ringside"
			if res.Design != "" {
				name += " " + res.Design
			}
			legend = append(legend, series{name,
				colourRingside[j%len(colourRingside)]})
		}
	} else {
		legend = append(legend, series{"ringside", colourRingside[0]})
	}

	// The legend wraps: each entry is a swatch and about 7 units per
	// character of its name.
	type place struct{ x, y float64 }
	var places []place
	const legendTop = 36
	lx, ly := float64(labelWidth), float64(legendTop)
	for _, l := range legend {
		w := 20 + 7*float64(len(l.name)) + 24
		if lx+w > chartWidth && lx > labelWidth {
			lx, ly = labelWidth, ly+legendRow
		}
		places = append(places, place{lx, ly})
		lx += w
	}
	// chartTop holds the title and one legend line; more push it down.
	top := chartTop + int(ly) - legendTop

	bars := len(legend)
	plotLeft := float64(labelWidth)
	plotWidth := float64(chartWidth - labelWidth - valueWidth)
	groupHeight := bars*barHeight + (bars-1)*barGap + groupGap
	plotHeight := len(rows)*groupHeight + groupGap
	height := top + plotHeight + chartBottom

	largest := 0.0
	for _, r := range rows {
		if r.Linux != nil {
			largest = max(largest, *r.Linux)
		}
		for _, res := range r.Results() {
			if res.Ringside != nil {
				largest = max(largest, *res.Ringside)
			}
		}
	}
	step, axisMax := axisScale(largest)
	x := func(v float64) float64 { return plotLeft + v/axisMax*plotWidth }

	var b bytes.Buffer
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" `+
		`width="%d" height="%d" viewBox="0 0 %d %d" `+
		`font-family="sans-serif" font-size="12">`+"\n",
		chartWidth, height, chartWidth, height)
	fmt.Fprintf(&b, `<rect width="100%%" height="100%%" fill="white"/>`+"\n")
	text(&b, 12, 22, "start", "bold", 15, colourText, title)

	for i, l := range legend {
		p := places[i]
		fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="14" `+
			`height="14" fill="%s"/>`+"\n", p.x, p.y, l.colour)
		text(&b, p.x+20, p.y+12, "start", "", 12, colourText, l.name)
	}

	// Grid lines and axis ticks.
	axisY := top + plotHeight
	for v := 0.0; v <= axisMax+step/2; v += step {
		fmt.Fprintf(&b, `<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" `+
			`stroke="%s"/>`+"\n", x(v), top, x(v), axisY, colourGrid)
		text(&b, x(v), float64(axisY+16), "middle", "", 11, colourMuted,
			formatTick(v))
	}
	fmt.Fprintf(&b, `<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" `+
		`stroke="%s"/>`+"\n", plotLeft, axisY, x(axisMax), axisY,
		colourMuted)
	text(&b, plotLeft+plotWidth/2, float64(axisY+36), "middle", "", 12,
		colourText, "guest instructions per operation (fewer is better)")

	for i, r := range rows {
		groupTop := float64(top + groupGap + i*groupHeight)
		groupMid := groupTop + float64(groupHeight-groupGap)/2
		text(&b, plotLeft-8, groupMid+4, "end", "", 12, colourText,
			r.Operation)

		values := []*float64{r.Linux}
		notes := []string{""}
		for _, res := range r.Results() {
			values = append(values, res.Ringside)
			notes = append(notes, ratioNote(res.Ratio))
		}
		for j, v := range values {
			y := groupTop + float64(j*(barHeight+barGap))
			if v == nil {
				text(&b, plotLeft+4, y+barHeight-4, "start", "italic",
					11, colourMuted, "not measured")
				continue
			}
			w := x(*v) - plotLeft
			fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%.1f" `+
				`height="%d" fill="%s"/>`+"\n", plotLeft, y, w,
				barHeight, legend[j].colour)
			text(&b, plotLeft+w+4, y+barHeight-4, "start", "", 11,
				colourText, formatPerOperation(v)+notes[j])
		}
	}

	b.WriteString("</svg>\n")
	return b.Bytes()
}

func ratioNote(ratio *float64) string {
	if ratio == nil {
		return ""
	}
	return fmt.Sprintf(" (%s× Linux)", formatRatio(ratio))
}

// axisScale picks a tick step of 1, 2 or 5 times a power of ten giving
// about tickTarget divisions, and the axis end as a whole number of steps
// at or above largest.
func axisScale(largest float64) (step, end float64) {
	if largest <= 0 {
		return 1, 1
	}
	raw := largest / tickTarget
	power := math.Pow(10, math.Floor(math.Log10(raw)))
	step = 10 * power
	for _, m := range []float64{1, 2, 5} {
		if m*power >= raw {
			step = m * power
			break
		}
	}
	return step, math.Ceil(largest/step) * step
}

func formatTick(v float64) string {
	if v == math.Trunc(v) {
		return fmt.Sprintf("%.0f", v)
	}
	return strings.TrimRight(fmt.Sprintf("%.3f", v), "0")
}

// text writes one <text> element; style is "", "bold" or "italic".
func text(b *bytes.Buffer, x, y float64, anchor, style string, size int,
	colour, s string) {
	attr := ""
	switch style {
	case "bold":
		attr = ` font-weight="bold"`
	case "italic":
		attr = ` font-style="italic"`
	}
	fmt.Fprintf(b, `<text x="%.1f" y="%.1f" text-anchor="%s" `+
		`font-size="%d" fill="%s"%s>`, x, y, anchor, size, colour, attr)
	xml.EscapeText(b, []byte(s))
	b.WriteString("</text>\n")
}
