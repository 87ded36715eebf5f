package main

import (
	"fmt"
	"strings"
)

// Result is one ringside build's figure for one operation, in guest
// instructions per operation. A nil figure was not measured (or the log
// had no line for it).
type Result struct {
	// Design is the build's DESIGN, empty for the default design.
	Design string `json:"design,omitempty"`

	Ringside *float64 `json:"ringside"`
	// Ratio is Ringside / Linux, nil unless both were measured.
	Ratio *float64 `json:"ratio"`

	// Instructions is the raw counter delta the mean comes from.
	Instructions *uint64 `json:"ringside_instructions,omitempty"`
	// Iterations is set only where it differs from the row's.
	Iterations uint64 `json:"ringside_iterations,omitempty"`
}

// Row is one operation on Linux and on every ringside build.
type Row struct {
	Operation  string `json:"operation"`
	Iterations uint64 `json:"iterations"`

	Linux *float64 `json:"linux"`
	// LinuxInstructions is the raw counter delta Linux's mean comes from.
	LinuxInstructions *uint64 `json:"linux_instructions,omitempty"`

	// Result is the default design, whose fields bench.json keeps in
	// the row itself.
	Result

	// Designs are the other builds, one per -design flag in its order,
	// each present (with nil figures) even where it lacks the operation.
	Designs []Result `json:"designs,omitempty"`
}

// Results returns the default design's result followed by the others.
func (r Row) Results() []Result {
	return append([]Result{r.Result}, r.Designs...)
}

// Build is the console log of one ringside kernel: the default design
// (Design "") or one built with DESIGN=<Design>.
type Build struct {
	Design       string
	Measurements []Measurement
}

// Report is bench.json: the rows plus what they were measured on.
type Report struct {
	Target      string `json:"target"`
	Date        string `json:"date"`
	QEMU        string `json:"qemu"`
	LinuxKernel string `json:"linux_kernel"`
	Unit        string `json:"unit"`
	// Designs names the builds in each row's designs, in order.
	Designs    []string `json:"designs,omitempty"`
	Operations []Row    `json:"operations"`
}

// unit names what every number in a row counts.
const unit = "guest instructions per operation (-icount shift=0)"

// BuildRows joins the sides by operation: Linux's operations in their
// order first, then those only a ringside build measured, the default
// design's before the others'.
func BuildRows(linux, ringside []Measurement, designs ...Build) []Row {
	var rows []Row
	index := map[string]int{}

	row := func(m Measurement) *Row {
		i, ok := index[m.Operation]
		if !ok {
			i = len(rows)
			index[m.Operation] = i
			r := Row{Operation: m.Operation, Iterations: m.Iterations}
			for _, d := range designs {
				r.Designs = append(r.Designs,
					Result{Design: d.Design})
			}
			rows = append(rows, r)
		}
		return &rows[i]
	}

	for _, m := range linux {
		r := row(m)
		per, count := m.PerOperation(), m.Instructions
		r.Linux, r.LinuxInstructions = &per, &count
	}
	for _, m := range ringside {
		r := row(m)
		r.Result = result(r, "", m)
	}
	for j, d := range designs {
		for _, m := range d.Measurements {
			r := row(m)
			r.Designs[j] = result(r, d.Design, m)
		}
	}
	return rows
}

// result is m as design's figure in row r, whose Linux side is filled in.
func result(r *Row, design string, m Measurement) Result {
	per, count := m.PerOperation(), m.Instructions
	res := Result{Design: design, Ringside: &per, Instructions: &count}
	if m.Iterations != r.Iterations {
		res.Iterations = m.Iterations
	}
	if r.Linux != nil && *r.Linux > 0 {
		ratio := per / *r.Linux
		res.Ratio = &ratio
	}
	return res
}

// columnName is how the table and the warnings name a ringside build.
func columnName(design string) string {
	if design == "" {
		return "ringside"
	}
	return design
}

// Gap is one column's operations without a figure, for a warning.
type Gap struct {
	Column     string
	Operations []string
}

// Missing lists, per column (Linux, ringside, then each design), the
// operations another column has and it lacks.
func Missing(rows []Row) []Gap {
	if len(rows) == 0 {
		return nil
	}
	gaps := []Gap{{Column: "Linux"}}
	for _, res := range rows[0].Results() {
		name := "ringside"
		if res.Design != "" {
			name += " " + res.Design
		}
		gaps = append(gaps, Gap{Column: name})
	}
	for _, r := range rows {
		if r.Linux == nil {
			gaps[0].Operations = append(gaps[0].Operations,
				r.Operation)
		}
		for j, res := range r.Results() {
			if res.Ringside == nil {
				gaps[j+1].Operations = append(
					gaps[j+1].Operations, r.Operation)
			}
		}
	}

	var out []Gap
	for _, g := range gaps {
		if len(g.Operations) > 0 {
			out = append(out, g)
		}
	}
	return out
}

// notMeasured fills the cell of a side without a value.
const notMeasured = "—"

func formatPerOperation(v *float64) string {
	if v == nil {
		return notMeasured
	}
	return fmt.Sprintf("%.1f", *v)
}

func formatRatio(v *float64) string {
	if v == nil {
		return notMeasured
	}
	return fmt.Sprintf("%.2f", *v)
}

// Markdown renders the rows as a table whose columns are padded so that
// it also reads well as plain text; numbers are right-aligned. Each
// ringside build gets two columns, its figure and its ratio to Linux:
// "ringside" for the default design, the design's name for the others.
func Markdown(rows []Row, designs []string) string {
	header := []string{"operation", "Linux"}
	for _, d := range append([]string{""}, designs...) {
		header = append(header, columnName(d), columnName(d)+" / Linux")
	}
	cells := [][]string{header}
	for _, r := range rows {
		line := []string{r.Operation, formatPerOperation(r.Linux)}
		for _, res := range r.Results() {
			line = append(line, formatPerOperation(res.Ringside),
				formatRatio(res.Ratio))
		}
		cells = append(cells, line)
	}

	return renderTable(cells)
}

// renderTable renders cells (the header first) as a markdown table
// padded to read as plain text: the first column left-aligned, the
// others right-aligned.
func renderTable(cells [][]string) string {
	header := cells[0]
	width := make([]int, len(header))
	for _, line := range cells {
		for i, c := range line {
			width[i] = max(width[i], len([]rune(c)))
		}
	}

	var b strings.Builder
	writeLine := func(line []string) {
		for i, c := range line {
			pad := strings.Repeat(" ", width[i]-len([]rune(c)))
			if i == 0 {
				fmt.Fprintf(&b, "| %s%s ", c, pad)
			} else {
				fmt.Fprintf(&b, "| %s%s ", pad, c)
			}
		}
		b.WriteString("|\n")
	}

	writeLine(header)
	for i := range header {
		dashes := strings.Repeat("-", width[i])
		if i == 0 {
			fmt.Fprintf(&b, "|-%s-", dashes)
		} else {
			fmt.Fprintf(&b, "|-%s:", dashes)
		}
	}
	b.WriteString("|\n")
	for _, line := range cells[1:] {
		writeLine(line)
	}
	return b.String()
}
