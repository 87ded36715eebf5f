// Command benchtab turns the console logs of one `make bench` run into
// the comparison table: it reads the "bench <operation> <iterations>
// <instructions>" lines user/bench.c printed under Linux and under
// ringside (the default design, and one more kernel per -design), prints
// a markdown table of guest instructions per operation to stdout and,
// with -out, writes bench.md, bench.json and bench.svg.
//
//	benchtab -linux linux.log -ringside ringside.log \
//		-design iret=ringside-iret.log -out DIR \
//		-target microvm -kernel linux-image-6.1.0-57-amd64 \
//		-qemu "QEMU emulator version 7.2.22"
//
// Any log may be left out (or a -design path left empty); its column then
// reads "—". It exits 1 when no log holds a bench line.
//
//	benchtab -check table.md [-ops user/bench.c] [-unsupported a,b]
//
// reads such a table back (from the output of `make bench`, "-" for
// stdin) and exits 1 unless every operation of user/bench.c has a number
// in every column (bench-check in the Makefile).
//
//	benchtab -compare OLD NEW
//
// puts two runs of the same target side by side (bench.json files or
// the results folders holding them): Linux in both, and the default
// design and every design both built, old, new and new / old (make
// bench-compare).
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
)

func main() {
	var (
		logs    Logs
		designs designFlags
		out     = flag.String("out", "",
			"directory for bench.md, bench.json and bench.svg")
		target = flag.String("target", "",
			"ringside TARGET (microvm, virt)")
		kernel = flag.String("kernel", "",
			"Debian package (and version) of the Linux kernel")
		qemu = flag.String("qemu", "", "QEMU version line")
		date = flag.String("date",
			time.Now().UTC().Format(time.RFC3339), "date of the run")

		check = flag.String("check", "",
			"check this table (\"-\": stdin) instead of making one")
		ops = flag.String("ops", "user/bench.c",
			"with -check: the program whose operations must be there")
		unsupported = flag.String("unsupported", "", "with -check: "+
			"comma-separated operations ringside may lack")
		compare = flag.Bool("compare", false, "compare the runs "+
			"OLD and NEW (bench.json or results folders)")
	)
	flag.StringVar(&logs.Linux, "linux", "", "console log of the Linux run")
	flag.StringVar(&logs.Ringside, "ringside", "",
		"console log of the ringside run (default design)")
	flag.Var(&designs, "design", "name=path: console log of ringside "+
		"built with DESIGN=name (repeat for more columns)")
	flag.Parse()
	logs.Designs = designs

	var err error
	if *compare {
		if flag.NArg() != 2 {
			fmt.Fprintln(os.Stderr, "benchtab: -compare OLD NEW")
			os.Exit(2)
		}
		err = runCompare(os.Stdout, os.Stderr, flag.Arg(0), flag.Arg(1))
	} else if *check != "" {
		err = runCheck(os.Stderr, *check, *ops,
			splitList(*unsupported))
	} else {
		err = run(os.Stdout, os.Stderr, logs, *out,
			Report{Target: *target, Date: *date, QEMU: *qemu,
				LinuxKernel: *kernel, Unit: unit})
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "benchtab: %v\n", err)
		os.Exit(1)
	}
}

// Logs names the console logs of one run; an empty path is a side that
// did not run.
type Logs struct {
	Linux    string
	Ringside string
	Designs  []DesignLog
}

func run(stdout, stderr io.Writer, logs Logs, out string,
	report Report) error {
	linux, err := readLog(logs.Linux)
	if err != nil {
		return err
	}
	ringside, err := readLog(logs.Ringside)
	if err != nil {
		return err
	}
	var builds []Build
	for _, d := range logs.Designs {
		ms, err := readLog(d.Path)
		if err != nil {
			return err
		}
		builds = append(builds, Build{Design: d.Design, Measurements: ms})
		report.Designs = append(report.Designs, d.Design)
	}

	report.Operations = BuildRows(linux, ringside, builds...)
	if len(report.Operations) == 0 {
		return fmt.Errorf("no bench lines in any log")
	}
	for _, g := range Missing(report.Operations) {
		fmt.Fprintf(stderr, "benchtab: no %s figure for %s\n", g.Column,
			strings.Join(g.Operations, ", "))
	}

	table := Markdown(report.Operations, report.Designs)
	fmt.Fprint(stdout, table)
	if out == "" {
		return nil
	}

	js, err := json.MarshalIndent(report, "", "  ")
	if err != nil {
		return err
	}
	title := "ringside vs Linux, guest instructions per operation"
	if report.Target != "" {
		title += " (" + report.Target + ")"
	}
	files := map[string][]byte{
		"bench.md":   []byte(table),
		"bench.json": append(js, '\n'),
		"bench.svg":  SVG(report.Operations, title),
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(out, name), data,
			0o644); err != nil {
			return err
		}
	}
	return nil
}

// runCheck is -check: the table at path must have a number in every
// column for each operation of the program source opsPath.
func runCheck(stderr io.Writer, path, opsPath string,
	unsupported []string) error {
	src, err := os.ReadFile(opsPath)
	if err != nil {
		return err
	}
	ops, err := BenchOperations(src)
	if err != nil {
		return fmt.Errorf("%s: %v", opsPath, err)
	}

	in := os.Stdin
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		in = f
	}
	t, err := ReadTable(in)
	if err != nil {
		return fmt.Errorf("%s: %v", path, err)
	}

	problems := CheckTable(t, ops, unsupported)
	for _, p := range problems {
		fmt.Fprintf(stderr, "benchtab: %s\n", p)
	}
	if len(problems) > 0 {
		return fmt.Errorf("table incomplete: %d cells without a "+
			"number", len(problems))
	}
	return nil
}

// splitList splits a comma-separated flag value, dropping empty items.
func splitList(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// readLog parses one console log; an empty path is a side not run.
func readLog(path string) ([]Measurement, error) {
	if path == "" {
		return nil, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ParseLog(f)
}
