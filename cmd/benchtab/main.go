// Command benchtab turns the console logs of one `make bench` run into
// the comparison table: it reads the "bench <operation> <iterations>
// <instructions>" lines user/bench.c printed under Linux and under
// ringside, prints a markdown table of guest instructions per operation
// to stdout and, with -out, writes bench.md, bench.json and bench.svg.
//
//	benchtab -linux linux.log -ringside ringside.log -out DIR \
//		-target microvm -kernel linux-image-6.1.0-57-amd64 \
//		-qemu "QEMU emulator version 7.2.22"
//
// Either log may be left out; its column then reads "—". It exits 1 when
// neither log holds a bench line.
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
		linuxLog = flag.String("linux", "",
			"console log of the Linux run")
		ringsideLog = flag.String("ringside", "",
			"console log of the ringside run")
		out = flag.String("out", "",
			"directory for bench.md, bench.json and bench.svg")
		target = flag.String("target", "",
			"ringside TARGET (microvm, virt)")
		kernel = flag.String("kernel", "",
			"Debian package (and version) of the Linux kernel")
		qemu = flag.String("qemu", "", "QEMU version line")
		date = flag.String("date",
			time.Now().UTC().Format(time.RFC3339), "date of the run")
	)
	flag.Parse()

	if err := run(os.Stdout, os.Stderr, *linuxLog, *ringsideLog, *out,
		Report{Target: *target, Date: *date, QEMU: *qemu,
			LinuxKernel: *kernel, Unit: unit}); err != nil {
		fmt.Fprintf(os.Stderr, "benchtab: %v\n", err)
		os.Exit(1)
	}
}

func run(stdout, stderr io.Writer, linuxLog, ringsideLog, out string,
	report Report) error {
	linux, err := readLog(linuxLog)
	if err != nil {
		return err
	}
	ringside, err := readLog(ringsideLog)
	if err != nil {
		return err
	}

	report.Operations = BuildRows(linux, ringside)
	if len(report.Operations) == 0 {
		return fmt.Errorf("no bench lines in %q or %q", linuxLog,
			ringsideLog)
	}
	noLinux, noRingside := Missing(report.Operations)
	if len(noLinux) > 0 {
		fmt.Fprintf(stderr, "benchtab: no Linux figure for %s\n",
			strings.Join(noLinux, ", "))
	}
	if len(noRingside) > 0 {
		fmt.Fprintf(stderr, "benchtab: no ringside figure for %s\n",
			strings.Join(noRingside, ", "))
	}

	table := Markdown(report.Operations)
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
