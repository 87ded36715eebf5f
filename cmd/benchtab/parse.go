package main

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
)

// Measurement is one operation's result in one console log: the counter
// delta over all iterations, which under -icount shift=0 is the number of
// guest instructions retired. (For user/bench.c's tick the iterations are
// the timer interrupts taken and the delta what they added.)
type Measurement struct {
	Operation    string
	Iterations   uint64
	Instructions uint64
}

// PerOperation is the mean number of instructions per iteration.
func (m Measurement) PerOperation() float64 {
	return float64(m.Instructions) / float64(m.Iterations)
}

var (
	// ansiEscape matches the terminal control sequences firmware and
	// kernels write to the console (SeaBIOS clears the screen).
	ansiEscape = regexp.MustCompile(`\x1b\[[0-9;?]*[A-Za-z]`)

	operationName = regexp.MustCompile(`^[A-Za-z0-9_.-]+$`)
)

// ParseLog reads the lines user/bench.c prints,
//
//	bench <operation> <iterations> <instructions>
//
// from a console log and returns them in the order operations first
// appear. Any other line, including a bench line with missing or
// non-numeric fields or zero iterations, is ignored: a console also
// carries firmware and kernel messages, which may cut into a line.
// Repeated lines for one operation are added up, as one longer run.
func ParseLog(r io.Reader) ([]Measurement, error) {
	var out []Measurement
	index := map[string]int{}

	s := bufio.NewScanner(r)
	s.Buffer(make([]byte, 64*1024), 1024*1024)
	for s.Scan() {
		m, ok := parseLine(s.Text())
		if !ok {
			continue
		}
		if i, seen := index[m.Operation]; seen {
			out[i].Iterations += m.Iterations
			out[i].Instructions += m.Instructions
			continue
		}
		index[m.Operation] = len(out)
		out = append(out, m)
	}
	return out, s.Err()
}

func parseLine(line string) (Measurement, bool) {
	line = ansiEscape.ReplaceAllString(line, "")
	f := strings.Fields(line)
	if len(f) != 4 || f[0] != "bench" || !operationName.MatchString(f[1]) {
		return Measurement{}, false
	}

	n, err := strconv.ParseUint(f[2], 10, 64)
	if err != nil || n == 0 {
		return Measurement{}, false
	}
	count, err := strconv.ParseUint(f[3], 10, 64)
	if err != nil {
		return Measurement{}, false
	}
	return Measurement{Operation: f[1], Iterations: n, Instructions: count},
		true
}

// DesignLog is one -design flag: a ringside design and the console log of
// the kernel built with it; an empty path is a build that did not run.
type DesignLog struct {
	Design string
	Path   string
}

// designName is a DESIGN as scripts/bench passes it: build tags joined
// with "+" (iret, rseqeager, iret+rseqeager).
var designName = regexp.MustCompile(`^[a-z0-9_]+(\+[a-z0-9_]+)*$`)

// designFlags collects repeated -design name=path flags.
type designFlags []DesignLog

func (d *designFlags) String() string {
	var s []string
	for _, l := range *d {
		s = append(s, l.Design+"="+l.Path)
	}
	return strings.Join(s, " ")
}

// Set parses one name=path; a name may be given only once.
func (d *designFlags) Set(v string) error {
	name, path, ok := strings.Cut(v, "=")
	if !ok {
		return fmt.Errorf("want design=path, not %q", v)
	}
	if !designName.MatchString(name) {
		return fmt.Errorf("bad design name %q", name)
	}
	for _, l := range *d {
		if l.Design == name {
			return fmt.Errorf("design %s given twice", name)
		}
	}
	*d = append(*d, DesignLog{Design: name, Path: path})
	return nil
}
