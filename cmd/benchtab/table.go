package main

import (
	"fmt"
	"strings"
)

// Row is one operation on both kernels, in guest instructions per
// operation. A nil side was not measured (or its log had no line for it).
type Row struct {
	Operation  string `json:"operation"`
	Iterations uint64 `json:"iterations"`

	Linux    *float64 `json:"linux"`
	Ringside *float64 `json:"ringside"`

	// Ratio is Ringside / Linux, nil unless both were measured.
	Ratio *float64 `json:"ratio"`

	// The raw counter deltas the means come from.
	LinuxInstructions    *uint64 `json:"linux_instructions,omitempty"`
	RingsideInstructions *uint64 `json:"ringside_instructions,omitempty"`

	// RingsideIterations is set only where it differs from Iterations.
	RingsideIterations uint64 `json:"ringside_iterations,omitempty"`
}

// Report is bench.json: the rows plus what they were measured on.
type Report struct {
	Target      string `json:"target"`
	Date        string `json:"date"`
	QEMU        string `json:"qemu"`
	LinuxKernel string `json:"linux_kernel"`
	Unit        string `json:"unit"`
	Operations  []Row  `json:"operations"`
}

// unit names what every number in a row counts.
const unit = "guest instructions per operation (-icount shift=0)"

// BuildRows joins the two sides by operation: Linux's operations in their
// order first, then those only ringside measured.
func BuildRows(linux, ringside []Measurement) []Row {
	var rows []Row
	index := map[string]int{}

	for _, m := range linux {
		per, count := m.PerOperation(), m.Instructions
		index[m.Operation] = len(rows)
		rows = append(rows, Row{
			Operation:         m.Operation,
			Iterations:        m.Iterations,
			Linux:             &per,
			LinuxInstructions: &count,
		})
	}

	for _, m := range ringside {
		i, ok := index[m.Operation]
		if !ok {
			i = len(rows)
			index[m.Operation] = i
			rows = append(rows, Row{
				Operation:  m.Operation,
				Iterations: m.Iterations,
			})
		}
		r := &rows[i]
		per, count := m.PerOperation(), m.Instructions
		r.Ringside, r.RingsideInstructions = &per, &count
		if m.Iterations != r.Iterations {
			r.RingsideIterations = m.Iterations
		}
		if r.Linux != nil && *r.Linux > 0 {
			ratio := per / *r.Linux
			r.Ratio = &ratio
		}
	}
	return rows
}

// Missing lists, per side, the operations the other side has and it
// lacks, for a warning.
func Missing(rows []Row) (linux, ringside []string) {
	for _, r := range rows {
		if r.Linux == nil {
			linux = append(linux, r.Operation)
		}
		if r.Ringside == nil {
			ringside = append(ringside, r.Operation)
		}
	}
	return linux, ringside
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
// it also reads well as plain text; numbers are right-aligned.
func Markdown(rows []Row) string {
	header := []string{"operation", "Linux", "ringside", "ringside / Linux"}
	cells := [][]string{header}
	for _, r := range rows {
		cells = append(cells, []string{r.Operation,
			formatPerOperation(r.Linux), formatPerOperation(r.Ringside),
			formatRatio(r.Ratio)})
	}

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
