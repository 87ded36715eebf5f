package main

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
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

func TestDesignFlags(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		want    designFlags
		wantErr bool
	}{
		{"one design", []string{"iret=a.log"},
			designFlags{{"iret", "a.log"}}, false},
		{"order kept", []string{"rseqeager=b.log", "iret=a.log"},
			designFlags{{"rseqeager", "b.log"}, {"iret", "a.log"}},
			false},
		{"combined tags", []string{"iret+rseqeager=c.log"},
			designFlags{{"iret+rseqeager", "c.log"}}, false},
		{"empty path is a build that did not run", []string{"iret="},
			designFlags{{"iret", ""}}, false},
		{"path may hold =", []string{"iret=a=b.log"},
			designFlags{{"iret", "a=b.log"}}, false},
		{"no =", []string{"iret"}, nil, true},
		{"empty name", []string{"=a.log"}, nil, true},
		{"name with a space", []string{"a b=a.log"}, nil, true},
		{"dangling +", []string{"iret+=a.log"}, nil, true},
		{"given twice", []string{"iret=a.log", "iret=b.log"}, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var d designFlags
			var err error
			for _, a := range tt.args {
				if err = d.Set(a); err != nil {
					break
				}
			}
			if tt.wantErr {
				assert.Error(t, err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, d)
		})
	}
}

func ptr[T any](v T) *T { return &v }

// res is a ringside build's result in a test row.
func res(design string, per, ratio *float64, count uint64) Result {
	return Result{Design: design, Ringside: per, Ratio: ratio,
		Instructions: ptr(count)}
}

func TestBuildRows(t *testing.T) {
	tests := []struct {
		name            string
		linux, ringside []Measurement
		designs         []Build
		want            []Row
	}{
		{"both sides give a ratio",
			[]Measurement{{"getpid", 100, 32000}},
			[]Measurement{{"getpid", 100, 8000}}, nil,
			[]Row{{Operation: "getpid", Iterations: 100,
				Linux:             ptr(320.0),
				LinuxInstructions: ptr(uint64(32000)),
				Result: res("", ptr(80.0), ptr(0.25),
					8000)}}},
		{"operation missing on ringside has no ratio",
			[]Measurement{{"getpid", 10, 3000}}, nil, nil,
			[]Row{{Operation: "getpid", Iterations: 10,
				Linux: ptr(300.0), LinuxInstructions: ptr(
					uint64(3000))}}},
		{"operation only ringside measured comes last",
			[]Measurement{{"getpid", 10, 3000}},
			[]Measurement{{"rseq_abort", 10, 500},
				{"getpid", 10, 900}}, nil,
			[]Row{
				{Operation: "getpid", Iterations: 10,
					Linux: ptr(300.0),
					LinuxInstructions: ptr(
						uint64(3000)),
					Result: res("", ptr(90.0),
						ptr(0.3), 900)},
				{Operation: "rseq_abort", Iterations: 10,
					Result: res("", ptr(50.0), nil,
						500)}}},
		{"different iteration counts are kept",
			[]Measurement{{"null", 10, 30}},
			[]Measurement{{"null", 20, 60}}, nil,
			[]Row{{Operation: "null", Iterations: 10,
				Linux:             ptr(3.0),
				LinuxInstructions: ptr(uint64(30)),
				Result: Result{Ringside: ptr(3.0),
					Ratio:        ptr(1.0),
					Instructions: ptr(uint64(60)),
					Iterations:   20}}}},
		{"zero Linux count gives no ratio",
			[]Measurement{{"null", 10, 0}},
			[]Measurement{{"null", 10, 30}}, nil,
			[]Row{{Operation: "null", Iterations: 10,
				Linux:             ptr(0.0),
				LinuxInstructions: ptr(uint64(0)),
				Result:            res("", ptr(3.0), nil, 30)}}},
		{"each design gets its own figure and ratio",
			[]Measurement{{"getpid", 100, 32000}},
			[]Measurement{{"getpid", 100, 8000}},
			[]Build{
				{"iret", []Measurement{{"getpid", 100, 8600}}},
				{"rseqeager", []Measurement{
					{"getpid", 100, 9600}}}},
			[]Row{{Operation: "getpid", Iterations: 100,
				Linux:             ptr(320.0),
				LinuxInstructions: ptr(uint64(32000)),
				Result: res("", ptr(80.0), ptr(0.25),
					8000),
				Designs: []Result{
					res("iret", ptr(86.0),
						ptr(86.0/320), 8600),
					res("rseqeager", ptr(96.0),
						ptr(0.3), 9600)}}}},
		{"design without a log keeps its place with no figures",
			[]Measurement{{"getpid", 100, 32000}},
			[]Measurement{{"getpid", 100, 8000}},
			[]Build{{"iret", nil},
				{"rseqeager", []Measurement{
					{"getpid", 100, 9600}}}},
			[]Row{{Operation: "getpid", Iterations: 100,
				Linux:             ptr(320.0),
				LinuxInstructions: ptr(uint64(32000)),
				Result: res("", ptr(80.0), ptr(0.25),
					8000),
				Designs: []Result{{Design: "iret"},
					res("rseqeager", ptr(96.0),
						ptr(0.3), 9600)}}}},
		{"operation only a design measured",
			[]Measurement{{"null", 10, 30}}, nil,
			[]Build{{"iret", []Measurement{{"tick", 4, 4000}}}},
			[]Row{
				{Operation: "null", Iterations: 10,
					Linux: ptr(3.0),
					LinuxInstructions: ptr(
						uint64(30)),
					Designs: []Result{
						{Design: "iret"}}},
				{Operation: "tick", Iterations: 4,
					Designs: []Result{res("iret",
						ptr(1000.0), nil,
						4000)}}}},
		{"no measurements, no rows", nil, nil, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := BuildRows(tt.linux, tt.ringside, tt.designs...)
			require.Len(t, got, len(tt.want))
			for i := range got {
				w, g := tt.want[i], got[i]
				assert.Equal(t, w.Operation, g.Operation)
				assert.Equal(t, w.Iterations, g.Iterations)
				assertFloat(t, w.Linux, g.Linux)
				assert.Equal(t, w.LinuxInstructions,
					g.LinuxInstructions)
				require.Len(t, g.Designs, len(w.Designs))
				wr, gr := w.Results(), g.Results()
				for j := range gr {
					assertResult(t, wr[j], gr[j])
				}
			}
		})
	}
}

func assertResult(t *testing.T, want, got Result) {
	t.Helper()
	assert.Equal(t, want.Design, got.Design)
	assertFloat(t, want.Ringside, got.Ringside)
	assertFloat(t, want.Ratio, got.Ratio)
	assert.Equal(t, want.Instructions, got.Instructions)
	assert.Equal(t, want.Iterations, got.Iterations)
}

func TestMissing(t *testing.T) {
	rows := BuildRows(
		[]Measurement{{"null", 1, 3}, {"tick", 1, 2800}},
		[]Measurement{{"null", 1, 3}, {"tick", 1, 1000}},
		Build{"iret", []Measurement{{"null", 1, 3}}},
		Build{"rseqeager", nil})
	assert.Equal(t, []Gap{
		{"ringside iret", []string{"tick"}},
		{"ringside rseqeager", []string{"null", "tick"}},
	}, Missing(rows))
	assert.Nil(t, Missing(nil))
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
		name    string
		rows    []Row
		designs []string
		want    string
	}{
		{"one decimal per operation, two for the ratio",
			[]Row{{Operation: "getpid", Linux: ptr(312.37289),
				Result: Result{Ringside: ptr(91.0),
					Ratio: ptr(91.0 / 312.37289)}}},
			nil,
			"" +
				"| operation | Linux | ringside | ringside / Linux |\n" +
				"|-----------|------:|---------:|-----------------:|\n" +
				"| getpid    | 312.4 |     91.0 |             0.29 |\n"},
		{"missing side shows a dash",
			[]Row{
				{Operation: "null", Linux: ptr(3.0)},
				{Operation: "rseq_abort", Result: Result{
					Ringside: ptr(1234.56)}}},
			nil,
			"" +
				"| operation  | Linux | ringside | ringside / Linux |\n" +
				"|------------|------:|---------:|-----------------:|\n" +
				"| null       |   3.0 |        — |                — |\n" +
				"| rseq_abort |     — |   1234.6 |                — |\n"},
		{"two columns per design, after the default",
			[]Row{{Operation: "getpid", Linux: ptr(312.4),
				Result: Result{Ringside: ptr(91.0),
					Ratio: ptr(0.2913)},
				Designs: []Result{
					{Design: "iret", Ringside: ptr(97.0),
						Ratio: ptr(0.3105)},
					{Design: "rseqeager"}}}},
			[]string{"iret", "rseqeager"},
			"" +
				"| operation | Linux | ringside | ringside / Linux " +
				"| iret | iret / Linux | rseqeager | rseqeager / Linux |\n" +
				"|-----------|------:|---------:|-----------------:" +
				"|-----:|-------------:|----------:|------------------:|\n" +
				"| getpid    | 312.4 |     91.0 |             0.29 " +
				"| 97.0 |         0.31 |         — |                 — |\n"},
		{"no rows, header only", nil, nil,
			"" +
				"| operation | Linux | ringside | ringside / Linux |\n" +
				"|-----------|------:|---------:|-----------------:|\n"},
		{"no rows, designs still in the header", nil,
			[]string{"iret"},
			"" +
				"| operation | Linux | ringside | ringside / Linux " +
				"| iret | iret / Linux |\n" +
				"|-----------|------:|---------:|-----------------:" +
				"|-----:|-------------:|\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, Markdown(tt.rows, tt.designs))
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
		wantBars  int
	}{
		{"both sides with ratio",
			[]Row{{Operation: "getpid", Linux: ptr(312.4),
				Result: Result{Ringside: ptr(91.0),
					Ratio: ptr(0.29)}}},
			[]string{"getpid", "312.4", "91.0 (0.29× Linux)", "Linux",
				"ringside"}, 2},
		{"missing side noted",
			[]Row{{Operation: "null", Linux: ptr(3.0)}},
			[]string{"null", "3.0", "not measured"}, 1},
		{"a bar and a legend entry per design",
			[]Row{{Operation: "getpid", Linux: ptr(312.4),
				Result: Result{Ringside: ptr(91.0),
					Ratio: ptr(0.29)},
				Designs: []Result{
					{Design: "iret", Ringside: ptr(97.0),
						Ratio: ptr(0.31)},
					{Design: "rseqeager",
						Ringside: ptr(120.0),
						Ratio:    ptr(0.38)}}}},
			[]string{"ringside", "ringside iret",
				"ringside rseqeager", "97.0 (0.31× Linux)",
				"120.0 (0.38× Linux)"}, 4},
		{"names are escaped",
			[]Row{{Operation: "a<b&c", Linux: ptr(1.0)}},
			[]string{"a<b&c"}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := SVG(tt.rows, "title")
			texts := svgTexts(t, doc)
			for _, w := range tt.wantTexts {
				assert.Contains(t, texts, w)
			}
			// The background, one swatch per legend entry, bars.
			legend := 1 + len(tt.rows[0].Results())
			assert.Equal(t, 1+legend+tt.wantBars,
				bytes.Count(doc, []byte("<rect ")))
		})
	}
}

func TestSVGLegendWraps(t *testing.T) {
	row := Row{Operation: "null", Linux: ptr(3.0)}
	for _, d := range []string{"iret", "rseqeager", "iret+rseqeager",
		"another_design", "and_one_more"} {
		row.Designs = append(row.Designs,
			Result{Design: d, Ringside: ptr(3.0)})
	}
	one := SVG([]Row{{Operation: "null", Linux: ptr(3.0)}}, "title")
	many := SVG([]Row{row}, "title")

	var a, b struct {
		Width  int `xml:"width,attr"`
		Height int `xml:"height,attr"`
	}
	require.NoError(t, xml.Unmarshal(one, &a))
	require.NoError(t, xml.Unmarshal(many, &b))
	assert.Equal(t, a.Width, b.Width)
	// Five more bars, and a second legend line.
	assert.Equal(t, a.Height+5*(barHeight+barGap)+legendRow, b.Height)
	for _, m := range regexp.MustCompile(`<rect x="([0-9.]+)"[^>]*`+
		`width="14"`).FindAllSubmatch(many, -1) {
		x, err := strconv.ParseFloat(string(m[1]), 64)
		require.NoError(t, err)
		assert.Less(t, x, float64(chartWidth), "legend swatch off the chart")
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

// benchOperations lists the operations user/bench.c defines, in order.
func benchOperations(t *testing.T) []string {
	t.Helper()
	src, err := os.ReadFile("../../user/bench.c")
	require.NoError(t, err)
	ops, err := BenchOperations(src)
	require.NoError(t, err, "user/bench.c")
	return ops
}

func TestBenchOperations(t *testing.T) {
	tests := []struct {
		name    string
		src     string
		want    []string
		wantErr bool
	}{
		{"entries in order, continued lines and all",
			"#define OPERATIONS(X) \\\n" +
				"\tX(null, calls, NO_SETUP, x) \\\n" +
				"\tX(sigprocmask, calls, setup_mask(), \\\n" +
				"\t  sigprocmask(a, b, c)) \\\n" +
				"\tX(tick, ticks, NO_SETUP, NO_BODY)\n\n" +
				"X(later, calls, NO_SETUP, y)\n",
			[]string{"null", "sigprocmask", "tick"}, false},
		{"no table", "int main(void) {}\n", nil, true},
		{"empty table", "#define OPERATIONS(X)\n\n", nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := BenchOperations([]byte(tt.src))
			if tt.wantErr {
				assert.Error(t, err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

// testLogs are the recorded logs of one microvm run: Linux's from make
// bench-linux, ringside's for the default design and for iret.
var testLogs = Logs{
	Linux:    "testdata/linux-microvm.log",
	Ringside: "testdata/ringside-microvm.log",
	Designs: []DesignLog{
		{"iret", "testdata/ringside-microvm-iret.log"},
		{"rseqeager", "testdata/ringside-microvm-rseqeager.log"},
	},
}

// TestTableComplete runs the tool on a Linux console log recorded by
// `make bench-linux` and canned ringside ones: every operation of
// user/bench.c must get a row with every column filled in, and every
// file must be written. A new operation needs a fresh testdata/linux-*.log.
func TestTableComplete(t *testing.T) {
	ops := benchOperations(t)
	out := t.TempDir()
	var stdout, stderr bytes.Buffer

	err := run(&stdout, &stderr, testLogs, out,
		Report{Target: "microvm", LinuxKernel: "linux-image-test",
			Unit: unit})
	require.NoError(t, err)
	assert.Empty(t, stderr.String(), "a side lacks an operation")

	var report Report
	js, err := os.ReadFile(filepath.Join(out, "bench.json"))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(js, &report))
	assert.Equal(t, "microvm", report.Target)
	assert.Equal(t, []string{"iret", "rseqeager"}, report.Designs)

	var names []string
	for _, r := range report.Operations {
		names = append(names, r.Operation)
		assert.NotNil(t, r.Linux, r.Operation)
		assert.Positive(t, r.Iterations, r.Operation)
		assert.Empty(t, r.Design, "default design named")
		require.Len(t, r.Designs, 2, r.Operation)
		for _, res := range r.Results() {
			assert.NotNil(t, res.Ringside, r.Operation, res.Design)
			assert.NotNil(t, res.Ratio, r.Operation, res.Design)
		}
		assert.Equal(t, "iret", r.Designs[0].Design)
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
	assert.Contains(t, texts, "ringside rseqeager")

	table, err := ReadTable(&stdout)
	require.NoError(t, err)
	assert.Empty(t, CheckTable(table, ops, nil),
		"bench-check rejects the table")
}

// TestDefaultJSONUnchanged checks that a run without designs writes the
// bench.json rows it always did: no designs, the default design's
// figures in the row itself.
func TestDefaultJSONUnchanged(t *testing.T) {
	out := t.TempDir()
	logs := testLogs
	logs.Designs = nil
	require.NoError(t, run(io.Discard, io.Discard, logs, out, Report{}))

	js, err := os.ReadFile(filepath.Join(out, "bench.json"))
	require.NoError(t, err)
	var raw struct {
		Designs    any              `json:"designs"`
		Operations []map[string]any `json:"operations"`
	}
	require.NoError(t, json.Unmarshal(js, &raw))
	assert.Nil(t, raw.Designs)
	require.NotEmpty(t, raw.Operations)
	var keys []string
	for k := range raw.Operations[0] {
		keys = append(keys, k)
	}
	assert.ElementsMatch(t, []string{"operation", "iterations", "linux",
		"ringside", "ratio", "linux_instructions",
		"ringside_instructions"}, keys)
}

// TestRecordedLogsCoverBench checks that the recorded logs of every
// target hold each operation of user/bench.c exactly once.
func TestRecordedLogsCoverBench(t *testing.T) {
	ops := benchOperations(t)
	tests := []struct {
		name string
		log  string
	}{
		{"amd64 microvm Linux", "testdata/linux-microvm.log"},
		{"arm64 virt Linux", "testdata/linux-virt.log"},
		{"amd64 microvm ringside", testLogs.Ringside},
		{"amd64 microvm ringside iret", testLogs.Designs[0].Path},
		{"amd64 microvm ringside rseqeager", testLogs.Designs[1].Path},
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
				"make bench-linux (or bench-ringside)", tt.log)
		})
	}
}

func TestReadTable(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    Table
		wantErr bool
	}{
		{"make's lines around the table skipped",
			"BENCH=\"\" scripts/bench microvm\n" +
				"| operation | Linux | ringside |\n" +
				"|-----------|------:|---------:|\n" +
				"| null      |   3.0 |        — |\n" +
				"make: leaving\n" +
				"| other | table |\n",
			Table{Header: []string{"operation", "Linux", "ringside"},
				Rows: map[string][]string{
					"null": {"null", "3.0", "—"}}},
			false},
		{"no table", "bench: image build failed\n", Table{}, true},
		{"short row",
			"| operation | Linux |\n|--|--:|\n| null |\n",
			Table{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ReadTable(strings.NewReader(tt.in))
			if tt.wantErr {
				assert.Error(t, err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestCheckTable(t *testing.T) {
	header := []string{"operation", "Linux", "ringside",
		"ringside / Linux", "iret", "iret / Linux"}
	table := func(rows ...[]string) Table {
		t := Table{Header: header, Rows: map[string][]string{}}
		for _, r := range rows {
			t.Rows[r[0]] = r
		}
		return t
	}
	full := []string{"null", "3.0", "3.0", "1.00", "3.0", "1.00"}
	tests := []struct {
		name        string
		table       Table
		ops         []string
		unsupported []string
		want        []string
	}{
		{"every cell a number", table(full), []string{"null"}, nil,
			nil},
		{"speed is not judged",
			table([]string{"null", "3.0", "3000.0", "1000.00",
				"0.0", "0.00"}),
			[]string{"null"}, nil, nil},
		{"missing row",
			table(full), []string{"null", "signal"}, nil,
			[]string{"signal: no row"}},
		{"ringside dash",
			table([]string{"signal", "4455.1", "—", "—", "9.0",
				"0.00"}),
			[]string{"signal"}, nil,
			[]string{`signal: ringside is "—"`,
				`signal: ringside / Linux is "—"`}},
		{"unsupported operation may lack ringside figures",
			table([]string{"signal", "4455.1", "—", "—", "—", "—"}),
			[]string{"signal"}, []string{"signal"}, nil},
		{"unsupported operation still needs Linux",
			table([]string{"signal", "—", "—", "—", "—", "—"}),
			[]string{"signal"}, []string{"signal"},
			[]string{`signal: Linux is "—"`}},
		{"a side not run",
			Table{Header: []string{"operation", "Linux"},
				Rows: map[string][]string{
					"null": {"null", "3.0"}}},
			[]string{"null"}, nil,
			[]string{"no ringside column"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want,
				CheckTable(tt.table, tt.ops, tt.unsupported))
		})
	}
}

func TestRunCheck(t *testing.T) {
	dir := t.TempDir()
	write := func(name, s string) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(s), 0o644))
		return p
	}
	src := write("bench.c", "#define OPERATIONS(X) \\\n"+
		"\tX(null, calls, NO_SETUP, x) \\\n"+
		"\tX(tick, ticks, NO_SETUP, NO_BODY)\n\n")
	good := write("good.md", "| operation | Linux | ringside |\n"+
		"|--|--:|--:|\n| null | 3.0 | 3.0 |\n| tick | 2801.0 | 1036.0 |\n")
	bad := write("bad.md", "| operation | Linux | ringside |\n"+
		"|--|--:|--:|\n| null | 3.0 | 3.0 |\n| tick | 2801.0 | — |\n")

	tests := []struct {
		name        string
		table       string
		unsupported []string
		wantErr     bool
		wantStderr  string
	}{
		{"complete table", good, nil, false, ""},
		{"dash fails", bad, nil, true,
			"benchtab: tick: ringside is \"—\"\n"},
		{"dash in an unsupported operation passes", bad,
			[]string{"tick"}, false, ""},
		{"no such table", filepath.Join(dir, "none.md"), nil, true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stderr bytes.Buffer
			err := runCheck(&stderr, tt.table, src, tt.unsupported)
			if tt.wantErr {
				assert.Error(t, err)
			} else {
				assert.NoError(t, err)
			}
			assert.Equal(t, tt.wantStderr, stderr.String())
		})
	}
}

func TestSplitList(t *testing.T) {
	assert.Nil(t, splitList(""))
	assert.Equal(t, []string{"signal", "tick"}, splitList("signal, tick,"))
}

func TestRunWithoutBenchLines(t *testing.T) {
	empty := filepath.Join(t.TempDir(), "empty.log")
	require.NoError(t, os.WriteFile(empty, []byte("panic\n"), 0o644))

	tests := []struct {
		name string
		logs Logs
	}{
		{"no logs", Logs{}},
		{"logs without bench lines", Logs{Linux: empty, Ringside: empty,
			Designs: []DesignLog{{"iret", empty}}}},
		{"designs not run", Logs{Designs: []DesignLog{{"iret", ""}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := run(io.Discard, io.Discard, tt.logs, "", Report{})
			assert.Error(t, err)
		})
	}
}

func TestRunMissingLogFile(t *testing.T) {
	tests := []struct {
		name string
		logs Logs
	}{
		{"Linux", Logs{Linux: "testdata/no-such.log"}},
		{"design", Logs{Linux: "testdata/linux-microvm.log",
			Designs: []DesignLog{{"iret", "testdata/no-such.log"}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := run(io.Discard, io.Discard, tt.logs, "", Report{})
			assert.Error(t, err)
		})
	}
}
