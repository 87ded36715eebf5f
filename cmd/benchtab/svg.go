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

	colourLinux    = "#4e79a7"
	colourRingside = "#f28e2b"
	colourText     = "#222222"
	colourMuted    = "#777777"
	colourGrid     = "#dddddd"
)

// SVG draws the rows as a horizontal grouped bar chart: per operation a
// Linux bar over a ringside bar on one linear axis, each labelled with its
// value (and ringside's with the ratio). A side without a value gets a
// "not measured" note instead of a bar.
func SVG(rows []Row, title string) []byte {
	plotLeft := float64(labelWidth)
	plotWidth := float64(chartWidth - labelWidth - valueWidth)
	groupHeight := 2*barHeight + barGap + groupGap
	plotHeight := len(rows)*groupHeight + groupGap
	height := chartTop + plotHeight + chartBottom

	largest := 0.0
	for _, r := range rows {
		for _, v := range []*float64{r.Linux, r.Ringside} {
			if v != nil {
				largest = max(largest, *v)
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

	// Legend.
	legend := []struct{ name, colour string }{
		{"Linux", colourLinux}, {"ringside", colourRingside}}
	for i, l := range legend {
		lx := plotLeft + float64(i)*110
		fmt.Fprintf(&b, `<rect x="%.1f" y="36" width="14" height="14" `+
			`fill="%s"/>`+"\n", lx, l.colour)
		text(&b, lx+20, 48, "start", "", 12, colourText, l.name)
	}

	// Grid lines and axis ticks.
	axisY := chartTop + plotHeight
	for v := 0.0; v <= axisMax+step/2; v += step {
		fmt.Fprintf(&b, `<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" `+
			`stroke="%s"/>`+"\n", x(v), chartTop, x(v), axisY, colourGrid)
		text(&b, x(v), float64(axisY+16), "middle", "", 11, colourMuted,
			formatTick(v))
	}
	fmt.Fprintf(&b, `<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" `+
		`stroke="%s"/>`+"\n", plotLeft, axisY, x(axisMax), axisY,
		colourMuted)
	text(&b, plotLeft+plotWidth/2, float64(axisY+36), "middle", "", 12,
		colourText, "guest instructions per operation (fewer is better)")

	for i, r := range rows {
		top := float64(chartTop + groupGap + i*groupHeight)
		text(&b, plotLeft-8, top+barHeight+barGap/2.0+4, "end", "", 12,
			colourText, r.Operation)

		bars := []struct {
			value  *float64
			colour string
			note   string
		}{
			{r.Linux, colourLinux, ""},
			{r.Ringside, colourRingside, ratioNote(r.Ratio)},
		}
		for j, bar := range bars {
			y := top + float64(j*(barHeight+barGap))
			if bar.value == nil {
				text(&b, plotLeft+4, y+barHeight-4, "start", "italic",
					11, colourMuted, "not measured")
				continue
			}
			w := x(*bar.value) - plotLeft
			fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%.1f" `+
				`height="%d" fill="%s"/>`+"\n", plotLeft, y, w,
				barHeight, bar.colour)
			text(&b, plotLeft+w+4, y+barHeight-4, "start", "", 11,
				colourText, formatPerOperation(bar.value)+bar.note)
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
