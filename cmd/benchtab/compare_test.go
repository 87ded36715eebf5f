package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func fig(v float64) *float64 { return &v }

// report is a run on target with one row per operation: Linux's figure,
// the default design's and the designs' in order.
func report(target string, designs []string, rows map[string][]float64,
	order ...string) Report {
	r := Report{Target: target, LinuxKernel: "linux-image-6.1.0-57",
		QEMU: "QEMU 7.2.22", Designs: designs}
	for _, op := range order {
		v := rows[op]
		row := Row{Operation: op, Linux: fig(v[0]),
			Result: Result{Ringside: fig(v[1])}}
		for i, d := range designs {
			row.Designs = append(row.Designs,
				Result{Design: d, Ringside: fig(v[2+i])})
		}
		r.Operations = append(r.Operations, row)
	}
	return r
}

func TestCompare(t *testing.T) {
	old := report("microvm", []string{"iret", "lazyfp"},
		map[string][]float64{
			"getpid":      {312.4, 112.0, 111.0, 100},
			"sigprocmask": {415.3, 480.1, 479.1, 400},
		}, "getpid", "sigprocmask")
	cur := report("microvm", []string{"genericentry", "iret"},
		map[string][]float64{
			"getpid":      {312.4, 112.0, 233.1, 111.0},
			"sigprocmask": {415.3, 441.1, 562.2, 440.1},
			"rseq_ids":    {793.5, 1360.4, 1509.4, 1343.4},
		}, "getpid", "sigprocmask", "rseq_ids")

	table, warnings, err := Compare(old, cur)
	require.NoError(t, err)
	assert.Empty(t, warnings)

	lines := bytes.Split([]byte(table), []byte("\n"))
	require.Len(t, lines, 6) // header, rule, 3 rows, final newline
	assert.Regexp(t, `^\| operation +\| Linux \(old\) \| Linux \(new\) \| `+
		`ringside \(old\) \| ringside \(new\) \| ringside new / old \| `+
		`iret \(old\) \| iret \(new\) \| iret new / old \|$`,
		string(lines[0]), "only the designs both runs built")
	assert.Regexp(t, `^\| sigprocmask +\| +415.3 \| +415.3 \| +480.1 \| `+
		`+441.1 \| +0.92 \| +479.1 \| +440.1 \| +0.92 \|$`,
		string(lines[3]))
	assert.Regexp(t, `^\| rseq_ids +\| +— \| +793.5 \| +— \| +1360.4 \| `+
		`+— \|`, string(lines[4]), "an operation only the new run has")
}

func TestCompareWarnings(t *testing.T) {
	old := report("virt", nil, map[string][]float64{
		"getpid": {499.7, 161.1}, "tick": {3461.4, 1332.4}},
		"getpid", "tick")
	cur := report("virt", nil, map[string][]float64{
		"getpid": {499.8, 140.1}, "tick": {3544.1, 1318.5}},
		"getpid", "tick")
	cur.QEMU = "QEMU 8.0"

	_, warnings, err := Compare(old, cur)
	require.NoError(t, err)
	assert.Equal(t, []string{
		`QEMU differs: "QEMU 7.2.22" and "QEMU 8.0"`,
		"Linux's tick moved by +2.4% between the runs",
	}, warnings, "a 0.02% move of getpid is noise, 2.4% of tick is not")
}

func TestCompareOtherTarget(t *testing.T) {
	_, _, err := Compare(Report{Target: "microvm"}, Report{Target: "virt"})
	assert.ErrorContains(t, err, "different targets")
}

func TestRunCompareReadsResultsFolders(t *testing.T) {
	dir := t.TempDir()
	for name, ringside := range map[string]float64{"a": 480.1, "b": 441.1} {
		r := report("microvm", nil, map[string][]float64{
			"sigprocmask": {415.3, ringside}}, "sigprocmask")
		b, err := json.Marshal(r)
		require.NoError(t, err)
		require.NoError(t, os.MkdirAll(filepath.Join(dir, name), 0o755))
		require.NoError(t, os.WriteFile(
			filepath.Join(dir, name, "bench.json"), b, 0o644))
	}

	var out, warn bytes.Buffer
	require.NoError(t, runCompare(&out, &warn, filepath.Join(dir, "a"),
		filepath.Join(dir, "b", "bench.json")))
	assert.Regexp(t, `\| +480.1 \| +441.1 \| +0.92 \|`, out.String())
	assert.Empty(t, warn.String())

	assert.Error(t, runCompare(&out, &warn, filepath.Join(dir, "none"),
		filepath.Join(dir, "b")))
}
