package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

var (
	operationsTable = regexp.MustCompile(
		`(?s)#define OPERATIONS\(X\)(.*?)\n\n`)
	operationsEntry = regexp.MustCompile(`\bX\((\w+),`)
)

// BenchOperations lists the operations user/bench.c defines, in order,
// from its OPERATIONS table (the source is given, not read, for tests).
func BenchOperations(src []byte) ([]string, error) {
	table := operationsTable.FindSubmatch(src)
	if table == nil {
		return nil, errors.New("no OPERATIONS table")
	}
	var ops []string
	for _, m := range operationsEntry.FindAllSubmatch(table[1], -1) {
		ops = append(ops, string(m[1]))
	}
	if len(ops) == 0 {
		return nil, errors.New("empty OPERATIONS table")
	}
	return ops, nil
}

// Table is a markdown table as Markdown prints it, read back: its header
// and its rows by operation.
type Table struct {
	Header []string
	Rows   map[string][]string
}

// ReadTable takes the first markdown table in r, skipping any other
// output around it (make's command lines): the lines that start with
// "|", the second of which is the alignment row.
func ReadTable(r io.Reader) (Table, error) {
	t := Table{Rows: map[string][]string{}}
	s := bufio.NewScanner(r)
	seen := 0
	for s.Scan() {
		line := strings.TrimSpace(s.Text())
		if !strings.HasPrefix(line, "|") {
			if seen > 0 {
				break
			}
			continue
		}
		seen++
		cells := strings.Split(strings.Trim(line, "|"), "|")
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		switch {
		case seen == 1:
			t.Header = cells
		case seen == 2:
			// The alignment row.
		case len(cells) != len(t.Header):
			return t, fmt.Errorf("row %q has %d cells, the "+
				"header %d", cells[0], len(cells),
				len(t.Header))
		default:
			t.Rows[cells[0]] = cells
		}
	}
	if err := s.Err(); err != nil {
		return t, err
	}
	if seen < 2 {
		return t, errors.New("no table")
	}
	return t, nil
}

// CheckTable returns one problem per missing figure: every operation of
// ops must have a row, the table a Linux and a ringside column, and every
// cell of the row a number. An operation in unsupported (one ringside does
// not implement yet) needs a number only in the Linux column. No figure
// is compared with anything: this checks that the bench ran, not its
// speed.
func CheckTable(t Table, ops, unsupported []string) []string {
	var problems []string
	for _, want := range []string{"Linux", "ringside"} {
		if !slices.Contains(t.Header, want) {
			problems = append(problems, "no "+want+" column")
		}
	}

	for _, op := range ops {
		cells, ok := t.Rows[op]
		if !ok {
			problems = append(problems, op+": no row")
			continue
		}
		for i := 1; i < len(cells); i++ {
			column := t.Header[i]
			if column != "Linux" && slices.Contains(unsupported, op) {
				continue
			}
			if _, err := strconv.ParseFloat(cells[i], 64); err != nil {
				problems = append(problems, fmt.Sprintf(
					"%s: %s is %q", op, column, cells[i]))
			}
		}
	}
	return problems
}
