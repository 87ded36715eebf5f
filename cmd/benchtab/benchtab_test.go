package main

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseLog(t *testing.T) {
	tests := []struct {
		name string
		log  string
		want []Measurement
	}{
		{"one line", "bench getpid 100000 31237359\n",
			[]Measurement{{"getpid", 100000, 31237359}}},
		{"CRLF console line", "bench getpid 10 3120\r\n",
			[]Measurement{{"getpid", 10, 3120}}},
		{"order of first appearance",
			"bench b 1 2\nbench a 1 3\n",
			[]Measurement{{"b", 1, 2}, {"a", 1, 3}}},
		{"repeated operation adds up",
			"bench getpid 10 3000\nbench getpid 30 9400\n",
			[]Measurement{{"getpid", 40, 12400}}},
		{"terminal escapes before the line",
			"\x1b[?7l\x1b[2Jbench null 5 15\n",
			[]Measurement{{"null", 5, 15}}},
		{"human and kernel lines ignored",
			"[    1.4] reboot: Power down\n" +
				"# getpid 312.4 instructions per operation\n" +
				"bench-start iterations=10 operations=4\n" +
				"bench-done\nringside: init exited with status 0\n",
			nil},
		{"malformed bench lines ignored",
			"bench getpid\n" +
				"bench getpid 100000\n" +
				"bench getpid 100000 312 extra\n" +
				"bench getpid ten 3120\n" +
				"bench getpid 10 -5\n" +
				"bench getpid 10 3.5\n" +
				"bench getpid 0 3120\n" +
				"bench get/pid 10 3120\n" +
				"xbench getpid 10 3120\n" +
				"bench gettid 10 3210\n",
			[]Measurement{{"gettid", 10, 3210}}},
		{"line cut by a kernel message ignored",
			"bench getpid 100[    2.0] random: crng init done\n", nil},
		{"empty log", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseLog(strings.NewReader(tt.log))
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func ptr[T any](v T) *T { return &v }

func TestBuildRows(t *testing.T) {
	tests := []struct {
		name            string
		linux, ringside []Measurement
		want            []Row
	}{
		{"both sides give a ratio",
			[]Measurement{{"getpid", 100, 32000}},
			[]Measurement{{"getpid", 100, 8000}},
			[]Row{{Operation: "getpid", Iterations: 100,
				Linux: ptr(320.0), Ringside: ptr(80.0),
				Ratio:             ptr(0.25),
				LinuxInstructions: ptr(uint64(32000)),
				RingsideInstructions: ptr(
					uint64(8000))}}},
		{"operation missing on ringside has no ratio",
			[]Measurement{{"getpid", 10, 3000}}, nil,
			[]Row{{Operation: "getpid", Iterations: 10,
				Linux: ptr(300.0), LinuxInstructions: ptr(
					uint64(3000))}}},
		{"operation only ringside measured comes last",
			[]Measurement{{"getpid", 10, 3000}},
			[]Measurement{{"rseq_abort", 10, 500},
				{"getpid", 10, 900}},
			[]Row{
				{Operation: "getpid", Iterations: 10,
					Linux: ptr(300.0), Ringside: ptr(90.0),
					Ratio: ptr(0.3),
					LinuxInstructions: ptr(
						uint64(3000)),
					RingsideInstructions: ptr(
						uint64(900))},
				{Operation: "rseq_abort", Iterations: 10,
					Ringside: ptr(50.0),
					RingsideInstructions: ptr(
						uint64(500))}}},
		{"different iteration counts are kept",
			[]Measurement{{"null", 10, 30}},
			[]Measurement{{"null", 20, 60}},
			[]Row{{Operation: "null", Iterations: 10,
				Linux: ptr(3.0), Ringside: ptr(3.0),
				Ratio:                ptr(1.0),
				LinuxInstructions:    ptr(uint64(30)),
				RingsideInstructions: ptr(uint64(60)),
				RingsideIterations:   20}}},
		{"zero Linux count gives no ratio",
			[]Measurement{{"null", 10, 0}},
			[]Measurement{{"null", 10, 30}},
			[]Row{{Operation: "null", Iterations: 10,
				Linux: ptr(0.0), Ringside: ptr(3.0),
				LinuxInstructions:    ptr(uint64(0)),
				RingsideInstructions: ptr(uint64(30))}}},
		{"no measurements, no rows", nil, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := BuildRows(tt.linux, tt.ringside)
			require.Len(t, got, len(tt.want))
			for i := range got {
				assert.Equal(t, tt.want[i].Operation, got[i].Operation)
				assert.Equal(t, tt.want[i].Iterations, got[i].Iterations)
				assertFloat(t, tt.want[i].Linux, got[i].Linux)
				assertFloat(t, tt.want[i].Ringside, got[i].Ringside)
				assertFloat(t, tt.want[i].Ratio, got[i].Ratio)
				assert.Equal(t, tt.want[i].LinuxInstructions,
					got[i].LinuxInstructions)
				assert.Equal(t, tt.want[i].RingsideInstructions,
					got[i].RingsideInstructions)
				assert.Equal(t, tt.want[i].RingsideIterations,
					got[i].RingsideIterations)
			}
		})
	}
}

func assertFloat(t *testing.T, want, got *float64) {
	t.Helper()
	if want == nil {
		assert.Nil(t, got)
		return
	}
	require.NotNil(t, got)
	assert.InDelta(t, *want, *got, 1e-9)
}

func TestMarkdown(t *testing.T) {
	tests := []struct {
		name string
		rows []Row
		want string
	}{
		{"one decimal per operation, two for the ratio",
			[]Row{{Operation: "getpid", Linux: ptr(312.37289),
				Ringside: ptr(91.0), Ratio: ptr(91.0 / 312.37289)}},
			"" +
				"| operation | Linux | ringside | ringside / Linux |\n" +
				"|-----------|------:|---------:|-----------------:|\n" +
				"| getpid    | 312.4 |     91.0 |             0.29 |\n"},
		{"missing side shows a dash",
			[]Row{
				{Operation: "null", Linux: ptr(3.0)},
				{Operation: "rseq_abort", Ringside: ptr(1234.56)}},
			"" +
				"| operation  | Linux | ringside | ringside / Linux |\n" +
				"|------------|------:|---------:|-----------------:|\n" +
				"| null       |   3.0 |        — |                — |\n" +
				"| rseq_abort |     — |   1234.6 |                — |\n"},
		{"no rows, header only", nil,
			"" +
				"| operation | Linux | ringside | ringside / Linux |\n" +
				"|-----------|------:|---------:|-----------------:|\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, Markdown(tt.rows))
		})
	}
}

func TestAxisScale(t *testing.T) {
	tests := []struct {
		name           string
		largest        float64
		wantStep, want float64
	}{
		{"hundreds", 312.4, 100, 400},
		{"tens", 18, 5, 20},
		{"exact multiple", 500, 100, 500},
		{"below one", 0.7, 0.2, 0.8},
		{"nothing to show", 0, 1, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			step, end := axisScale(tt.largest)
			assert.InDelta(t, tt.wantStep, step, 1e-9)
			assert.InDelta(t, tt.want, end, 1e-9)
		})
	}
}

func TestSVG(t *testing.T) {
	tests := []struct {
		name      string
		rows      []Row
		wantTexts []string
	}{
		{"both sides with ratio",
			[]Row{{Operation: "getpid", Linux: ptr(312.4),
				Ringside: ptr(91.0), Ratio: ptr(0.29)}},
			[]string{"getpid", "312.4", "91.0 (0.29× Linux)", "Linux",
				"ringside"}},
		{"missing side noted",
			[]Row{{Operation: "null", Linux: ptr(3.0)}},
			[]string{"null", "3.0", "not measured"}},
		{"names are escaped",
			[]Row{{Operation: "a<b&c", Linux: ptr(1.0)}},
			[]string{"a<b&c"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			texts := svgTexts(t, SVG(tt.rows, "title"))
			for _, w := range tt.wantTexts {
				assert.Contains(t, texts, w)
			}
		})
	}
}

// svgTexts checks that doc is well-formed XML and returns its texts.
func svgTexts(t *testing.T, doc []byte) []string {
	t.Helper()
	var texts []string
	d := xml.NewDecoder(bytes.NewReader(doc))
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return texts
		}
		require.NoError(t, err)
		if cd, ok := tok.(xml.CharData); ok {
			if s := strings.TrimSpace(string(cd)); s != "" {
				texts = append(texts, s)
			}
		}
	}
}

// benchOperations lists the operations user/bench.c defines, in order,
// from its OPERATIONS table.
func benchOperations(t *testing.T) []string {
	t.Helper()
	src, err := os.ReadFile("../../user/bench.c")
	require.NoError(t, err)

	table := regexp.MustCompile(`(?s)#define OPERATIONS\(X\)(.*?)\n\n`).
		FindSubmatch(src)
	require.NotNil(t, table, "no OPERATIONS table in user/bench.c")
	var ops []string
	entry := regexp.MustCompile(`\bX\((\w+),`)
	for _, m := range entry.FindAllSubmatch(table[1], -1) {
		ops = append(ops, string(m[1]))
	}
	require.NotEmpty(t, ops)
	return ops
}

// TestTableComplete runs the tool on a Linux console log recorded by
// `make bench-linux` and a canned ringside one: every operation of
// user/bench.c must get a row with both sides filled in, and every file
// must be written. A new operation needs a fresh testdata/linux-*.log.
func TestTableComplete(t *testing.T) {
	ops := benchOperations(t)
	out := t.TempDir()
	var stdout, stderr bytes.Buffer

	err := run(&stdout, &stderr, "testdata/linux-microvm.log",
		"testdata/ringside-microvm.log", out,
		Report{Target: "microvm", LinuxKernel: "linux-image-test",
			Unit: unit})
	require.NoError(t, err)
	assert.Empty(t, stderr.String(), "a side lacks an operation")

	var report Report
	js, err := os.ReadFile(filepath.Join(out, "bench.json"))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(js, &report))
	assert.Equal(t, "microvm", report.Target)

	var names []string
	for _, r := range report.Operations {
		names = append(names, r.Operation)
		assert.NotNil(t, r.Linux, r.Operation)
		assert.NotNil(t, r.Ringside, r.Operation)
		assert.NotNil(t, r.Ratio, r.Operation)
		assert.Positive(t, r.Iterations, r.Operation)
	}
	assert.Equal(t, ops, names,
		"user/bench.c and testdata/linux-microvm.log disagree; "+
			"refresh the log with make bench-linux")

	assert.NotContains(t, stdout.String(), notMeasured)
	assert.Len(t, strings.Split(strings.TrimSpace(stdout.String()), "\n"),
		2+len(ops))
	md, err := os.ReadFile(filepath.Join(out, "bench.md"))
	require.NoError(t, err)
	assert.Equal(t, stdout.String(), string(md))
	svg, err := os.ReadFile(filepath.Join(out, "bench.svg"))
	require.NoError(t, err)
	texts := svgTexts(t, svg)
	for _, op := range ops {
		assert.Contains(t, texts, op)
	}
}

// TestRecordedLogsCoverBench checks that the recorded Linux logs of every
// target hold each operation of user/bench.c exactly once.
func TestRecordedLogsCoverBench(t *testing.T) {
	ops := benchOperations(t)
	tests := []struct {
		name string
		log  string
	}{
		{"amd64 microvm", "testdata/linux-microvm.log"},
		{"arm64 virt", "testdata/linux-virt.log"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := os.Open(tt.log)
			require.NoError(t, err)
			defer f.Close()
			ms, err := ParseLog(f)
			require.NoError(t, err)

			var names []string
			for _, m := range ms {
				names = append(names, m.Operation)
				assert.Positive(t, m.Instructions, m.Operation)
			}
			assert.Equal(t, ops, names, "refresh %s with "+
				"make bench-linux", tt.log)
		})
	}
}

func TestRunWithoutBenchLines(t *testing.T) {
	empty := filepath.Join(t.TempDir(), "empty.log")
	require.NoError(t, os.WriteFile(empty, []byte("panic\n"), 0o644))

	tests := []struct {
		name            string
		linux, ringside string
	}{
		{"no logs", "", ""},
		{"logs without bench lines", empty, empty},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := run(io.Discard, io.Discard, tt.linux, tt.ringside,
				"", Report{})
			assert.Error(t, err)
		})
	}
}

func TestRunMissingLogFile(t *testing.T) {
	err := run(io.Discard, io.Discard, "testdata/no-such.log", "", "",
		Report{})
	assert.Error(t, err)
}
