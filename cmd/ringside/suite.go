//go:build tamago

package main

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/ringside-kernel/ringside/kernel"
)

// testCase is one in-guest test: a user program from the payload, what it
// must print (or the kernel must log) and how it must end.
type testCase struct {
	name string
	prog string
	args []string
	// status is the expected exit status: the exit code, or 128 + signal
	// for a task killed by a signal.
	status int
	// output lines must all appear in the console output of the run.
	output []string
	// also lists the arguments of further tasks of the same program run
	// at the same time as the first; each must end with status too.
	also [][]string
	// order lists output lines that must appear in this order.
	order []string
}

// suite is the in-guest test suite of `make test`. Programs come from
// user/*.c, built static by the Makefile for the target architecture.
var suite = []testCase{
	{name: "glibc static binary starts and prints",
		prog: "hello", args: []string{"hello", "0", "world"},
		output: []string{"hello from hello", "argv[2] = world",
			"running on Linux"}},
	{name: "exit status reaches the kernel",
		prog: "hello", args: []string{"hello", "42"}, status: 42},
	{name: "start-up: auxv, TLS, heap, sched_getcpu equals getcpu",
		prog: "startup", args: []string{"startup", "one", "two"},
		output: []string{"startup: ok"}},
	{name: "musl static binary starts and prints",
		prog: "hello-musl", args: []string{"hello-musl", "7"},
		status: 7, output: []string{"hello from hello-musl"}},
	{name: "bad user pointers get EFAULT, bad arguments their errno",
		prog: "efault", output: []string{"efault: ok"}},
	{name: "user read of kernel memory is SIGSEGV",
		prog: "fault", args: []string{"fault", "kread"}, status: 128 + 11,
		output: []string{"SIGSEGV", "fault"}},
	{name: "user write to kernel memory is SIGSEGV",
		prog: "fault", args: []string{"fault", "kwrite"}, status: 128 + 11,
		output: []string{"SIGSEGV"}},
	{name: "NULL dereference is SIGSEGV",
		prog: "fault", args: []string{"fault", "null"}, status: 128 + 11,
		output: []string{"SIGSEGV"}},
	{name: "non-canonical address is SIGSEGV",
		prog: "fault", args: []string{"fault", "noncanonical"},
		status: 128 + 11, output: []string{"SIGSEGV"}},
	{name: "jump to unmapped code is SIGSEGV",
		prog: "fault", args: []string{"fault", "jump"}, status: 128 + 11,
		output: []string{"SIGSEGV"}},
	{name: "stack overflow is SIGSEGV",
		prog: "fault", args: []string{"fault", "stack"}, status: 128 + 11,
		output: []string{"SIGSEGV"}},
	{name: "undefined instruction is SIGILL",
		prog: "fault", args: []string{"fault", "ill"}, status: 128 + 4,
		output: []string{"SIGILL"}},
	{name: "timer preemption interleaves two computing tasks",
		prog: "spin", args: []string{"spin", "a", "40"},
		also:  [][]string{{"spin", "b", "40"}},
		order: []string{"spin a start", "spin b start", "spin a end"}},
	{name: "kernel keeps running tasks after user faults",
		prog: "hello", args: []string{"hello", "3"}, status: 3},
}

// archSuite holds the cases that only make sense on one architecture.
var archSuite []testCase

// runSuite runs every case and prints one line each, then the summary
// line `make test` looks for. It returns the number of failures.
func runSuite(k *kernel.Kernel, console io.Writer) int {
	passed, failed := 0, 0

	for _, tc := range append(suite, archSuite...) {
		var out bytes.Buffer
		k.Console = io.MultiWriter(console, &out)

		err := tc.run(k, &out)
		k.Console = console

		if err != nil {
			failed++
			fmt.Fprintf(console, "FAIL %s: %v\n", tc.name, err)
			continue
		}
		passed++
		fmt.Fprintf(console, "ok   %s\n", tc.name)
	}

	fmt.Fprintf(console, "%d passed, %d failed\n", passed, failed)
	return failed
}

func (tc testCase) run(k *kernel.Kernel, out *bytes.Buffer) error {
	image, err := payload.ReadFile("payload/" + tc.prog)
	if err != nil {
		return fmt.Errorf("no program %s in the payload", tc.prog)
	}

	args := tc.args
	if args == nil {
		args = []string{tc.prog}
	}

	var tasks []*kernel.Task
	for _, a := range append([][]string{args}, tc.also...) {
		t, err := k.Spawn(tc.prog, image, a, defaultEnv)
		if err != nil {
			return err
		}
		tasks = append(tasks, t)
	}

	for _, t := range tasks {
		k.Go(t)
	}
	for i, t := range tasks {
		if status := t.Wait(); status != tc.status {
			return fmt.Errorf("task %d: exit status %d, want %d", i+1,
				status, tc.status)
		}
	}

	for _, want := range tc.output {
		if !strings.Contains(out.String(), want) {
			return fmt.Errorf("output lacks %q", want)
		}
	}
	return inOrder(out.String(), tc.order)
}

// inOrder checks that the lines appear in out in the given order.
func inOrder(out string, lines []string) error {
	at := 0
	for _, l := range lines {
		i := strings.Index(out[at:], l)
		if i < 0 {
			return fmt.Errorf("%q missing, or out of order", l)
		}
		at += i + len(l)
	}
	return nil
}
