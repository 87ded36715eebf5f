package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
)

// linuxDrift is how far Linux's figure for an operation may move
// between two runs before the comparison warns: Linux's counts repeat
// to well under 0.1% on the same kernel and QEMU (docs/bench.md).
const linuxDrift = 0.01

// readReport reads bench.json, or bench.json inside a results folder.
func readReport(path string) (Report, error) {
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		path = filepath.Join(path, "bench.json")
	}
	var r Report
	b, err := os.ReadFile(path)
	if err != nil {
		return r, err
	}
	if err := json.Unmarshal(b, &r); err != nil {
		return r, fmt.Errorf("%s: %v", path, err)
	}
	return r, nil
}

// runCompare is `benchtab -compare OLD NEW`: the table of Compare for two
// runs' bench.json (or their results folders) on stdout, warnings on
// warn.
func runCompare(w, warn io.Writer, oldPath, newPath string) error {
	old, err := readReport(oldPath)
	if err != nil {
		return err
	}
	cur, err := readReport(newPath)
	if err != nil {
		return err
	}

	table, warnings, err := Compare(old, cur)
	if err != nil {
		return err
	}
	for _, s := range warnings {
		fmt.Fprintf(warn, "benchtab: %s\n", s)
	}
	_, err = io.WriteString(w, table)
	return err
}

// Compare puts two runs of the same target side by side, for a change
// that no build tag selects (two trees, two days): per operation
// Linux's figure in both runs, then for the default design and every
// design both runs built, its old and new figure and new / old. Rows
// follow the new run's order; an operation only one run has reads "—"
// in the other. The warnings say what makes the runs less comparable:
// another Linux kernel or QEMU, or a Linux figure that moved.
func Compare(old, cur Report) (string, []string, error) {
	if old.Target != cur.Target {
		return "", nil, fmt.Errorf("runs on different targets: %q "+
			"and %q", old.Target, cur.Target)
	}

	var warnings []string
	if old.LinuxKernel != cur.LinuxKernel {
		warnings = append(warnings, fmt.Sprintf("Linux kernels "+
			"differ: %q and %q", old.LinuxKernel, cur.LinuxKernel))
	}
	if old.QEMU != cur.QEMU {
		warnings = append(warnings, fmt.Sprintf("QEMU differs: %q "+
			"and %q", old.QEMU, cur.QEMU))
	}

	builds := []string{""}
	for _, d := range cur.Designs {
		if slices.Contains(old.Designs, d) {
			builds = append(builds, d)
		}
	}

	header := []string{"operation", "Linux (old)", "Linux (new)"}
	for _, b := range builds {
		n := columnName(b)
		header = append(header, n+" (old)", n+" (new)", n+" new / old")
	}
	cells := [][]string{header}

	for _, op := range operationsOf(cur, old) {
		o, n := rowOf(old, op), rowOf(cur, op)
		line := []string{op, formatPerOperation(o.Linux),
			formatPerOperation(n.Linux)}
		if drift := change(o.Linux, n.Linux); drift != nil &&
			math.Abs(*drift-1) > linuxDrift {
			warnings = append(warnings, fmt.Sprintf("Linux's %s "+
				"moved by %+.1f%% between the runs", op,
				(*drift-1)*100))
		}
		for _, b := range builds {
			ov, nv := o.figure(b), n.figure(b)
			line = append(line, formatPerOperation(ov),
				formatPerOperation(nv), formatRatio(change(ov, nv)))
		}
		cells = append(cells, line)
	}
	if len(cells) == 1 {
		return "", warnings, errors.New("no operation in either run")
	}
	return renderTable(cells), warnings, nil
}

// operationsOf lists the operations of a, then those only b has.
func operationsOf(a, b Report) []string {
	var ops []string
	for _, r := range append(a.Operations, b.Operations...) {
		if !slices.Contains(ops, r.Operation) {
			ops = append(ops, r.Operation)
		}
	}
	return ops
}

// rowOf returns r's row for op, or an empty row.
func rowOf(r Report, op string) Row {
	for _, row := range r.Operations {
		if row.Operation == op {
			return row
		}
	}
	return Row{Operation: op}
}

// figure is the build's instructions per operation in this row, nil if
// not measured.
func (r Row) figure(design string) *float64 {
	if design == "" {
		return r.Ringside
	}
	for _, d := range r.Designs {
		if d.Design == design {
			return d.Ringside
		}
	}
	return nil
}

// change is cur / old, nil unless both are measured and old is not 0.
func change(old, cur *float64) *float64 {
	if old == nil || cur == nil || *old == 0 {
		return nil
	}
	v := *cur / *old
	return &v
}
