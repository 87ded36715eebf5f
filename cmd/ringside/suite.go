//go:build tamago

package main

import (
	"bytes"
	"fmt"
	"io"
	"runtime"
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
	// before lists pairs of output lines: the first of each pair must
	// appear before the second.
	before [][2]string
	// maxAllocs, when set, bounds the kernel's heap allocations while
	// the tasks run (runtime.MemStats.Mallocs).
	maxAllocs uint64
	// maxCopyFaults, when set, bounds the user copies through the MMU
	// that faulted while the tasks ran (copyFaults).
	maxCopyFaults uint64
	// check, when set, runs after the tasks and fails the case with
	// its error.
	check func() error
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
		also: [][]string{{"spin", "b", "40"}},
		before: [][2]string{{"spin a start", "spin b end"},
			{"spin b start", "spin a end"}}},
	{name: "a task that sleeps while another runs wakes in its own " +
		"address space (the fast path hands the switch back to Run)",
		prog: "spin", args: []string{"spin", "a", "30", "sleep"},
		also:   [][]string{{"spin", "b", "40"}},
		output: []string{"spin a: 30 wakeups in its own address space"}},
	{name: "20000 null syscalls allocate nothing on the kernel heap",
		prog: "bench", args: []string{"bench", "20000", "getpid"},
		output: []string{"bench getpid 20000"}, maxAllocs: 200},
	{name: "20000 page faults and MADV_DONTNEEDs allocate nothing on " +
		"the kernel heap",
		prog: "bench", args: []string{"bench", "20000", "pagefault"},
		output: []string{"bench pagefault 20000"}, maxAllocs: 200},
	// Small copies go through the MMU; only the first touch of a page
	// may fault over to the software path.
	{name: "20000 sigprocmask and rseq re-registrations: their user " +
		"copies go through the MMU, not the fault path",
		prog: "bench", args: []string{"bench", "10000", "sigprocmask",
			"rseq_ids"},
		output:        []string{"bench sigprocmask 10000", "bench rseq_ids 10000"},
		maxCopyFaults: 8},
	{name: "kernel keeps running tasks after user faults",
		prog: "hello", args: []string{"hello", "3"}, status: 3},
	{name: "signal handlers, sigreturn, alarm and restart rules, " +
		"queued real-time signals, sigwaitinfo, sigsuspend",
		prog: "signal", output: []string{"signal: ok"}},
	{name: "rseq: registration errno table matches Linux",
		prog: "rseq", args: []string{"rseq", "errno"},
		output: []string{"rseq errno: ok"}},
	{name: "rseq: unregister leaves cpu_id -1, cpu_id_start a valid CPU",
		prog: "rseq", args: []string{"rseq", "unregister"},
		output: []string{"rseq unregister: ok"}},
	{name: "rseq: two tasks' per-CPU counters exact under preemption, " +
		"aborts seen",
		prog: "rseq", args: []string{"rseq", "counter"},
		also:   [][]string{{"rseq", "counter"}},
		output: []string{"rseq counter: ok", "rseq counter: aborts seen"}},
	{name: "rseq: ticks without another task do not abort a section",
		prog: "rseq", args: []string{"rseq", "alone"},
		output: []string{"rseq alone: ok"}},
	// A segv case's task spins with the bad rseq_cs installed until a
	// tick switches to its companion and back; the companion then ends
	// itself with SIGSEGV too (user/rseq.c says why).
	{name: "rseq: version != 0 in rseq_cs is SIGSEGV",
		prog: "rseq", args: []string{"rseq", "segv-version"},
		output: []string{"SIGSEGV at ip", "rseq_cs version not 0"},
		status: 128 + 11, also: [][]string{{"rseq", "companion"}},
		before: [][2]string{{"rseq segv-version: bad rseq_cs installed",
			"rseq companion:"}}},
	{name: "rseq: flags (NO_RESTART bits) in rseq_cs is SIGSEGV",
		prog: "rseq", args: []string{"rseq", "segv-flags"},
		output: []string{"SIGSEGV at ip", "rseq_cs flags not 0"},
		status: 128 + 11, also: [][]string{{"rseq", "companion"}},
		before: [][2]string{{"rseq segv-flags: bad rseq_cs installed",
			"rseq companion:"}}},
	{name: "rseq: abort_ip inside the critical section is SIGSEGV",
		prog: "rseq", args: []string{"rseq", "segv-abort-inside"},
		output: []string{"SIGSEGV at ip", "abort_ip invalid"},
		status: 128 + 11, also: [][]string{{"rseq", "companion"}},
		before: [][2]string{{"rseq segv-abort-inside: bad rseq_cs installed",
			"rseq companion:"}}},
	{name: "rseq: start_ip + post_commit_offset wrapping around is SIGSEGV",
		prog: "rseq", args: []string{"rseq", "segv-wrap"},
		output: []string{"SIGSEGV at ip", "critical section outside user space"},
		status: 128 + 11, also: [][]string{{"rseq", "companion"}},
		before: [][2]string{{"rseq segv-wrap: bad rseq_cs installed",
			"rseq companion:"}}},
	{name: "rseq: critical section ending beyond user space is SIGSEGV",
		prog: "rseq", args: []string{"rseq", "segv-beyond"},
		output: []string{"SIGSEGV at ip", "critical section outside user space"},
		status: 128 + 11, also: [][]string{{"rseq", "companion"}},
		before: [][2]string{{"rseq segv-beyond: bad rseq_cs installed",
			"rseq companion:"}}},
	{name: "rseq: abort_ip beyond user space is SIGSEGV",
		prog: "rseq", args: []string{"rseq", "segv-abort-beyond"},
		output: []string{"SIGSEGV at ip", "abort_ip invalid"},
		status: 128 + 11, also: [][]string{{"rseq", "companion"}},
		before: [][2]string{{"rseq segv-abort-beyond: bad rseq_cs installed",
			"rseq companion:"}}},
	{name: "rseq: wrong signature before abort_ip is SIGSEGV",
		prog: "rseq", args: []string{"rseq", "segv-signature"},
		output: []string{"SIGSEGV at ip", "signature mismatch before abort_ip"},
		status: 128 + 11, also: [][]string{{"rseq", "companion"}},
		before: [][2]string{{"rseq segv-signature: bad rseq_cs installed",
			"rseq companion:"}}},
	{name: "rseq: rseq_cs pointing beyond user space is SIGSEGV",
		prog: "rseq", args: []string{"rseq", "segv-csaddr"},
		output: []string{"SIGSEGV at ip", "rseq_cs outside user space"},
		status: 128 + 11, also: [][]string{{"rseq", "companion"}},
		before: [][2]string{{"rseq segv-csaddr: bad rseq_cs installed",
			"rseq companion:"}}},
	{name: "rseq: a signal in a critical section resumes at abort_ip",
		prog: "rseq", args: []string{"rseq", "signal-abort"},
		output: []string{"rseq signal-abort: ok"}},
	{name: "rseq slice: prctl enables it with Linux's errnos and flags; " +
		"AT_RSEQ_FEATURE_SIZE is 32",
		prog: "rseq", args: []string{"rseq", "slice-prctl"},
		output: []string{"rseq slice-prctl: ok"}},
	// Each slice task is the other's companion: a grant keeps the other
	// waiting.
	{name: "rseq slice: a tick grants an extension instead of a switch; " +
		"rseq_slice_yield, another syscall or the 5 us slice timer ends it",
		prog: "rseq", args: []string{"rseq", "slice"},
		also:   [][]string{{"rseq", "slice"}},
		output: []string{"rseq slice: ok", "revoked by the slice timer"}},

	// The kernel is Go code, which uses the FP/SIMD registers itself:
	// every crossing must leave the task's as they were.
	{name: "FP/SIMD registers and FP control survive 100000 syscalls",
		prog: "fpregs", args: []string{"fpregs", "syscall", "1"},
		output: []string{"fpregs syscall: ok"}},
	{name: "FP/SIMD registers survive preemption by a task with others",
		prog: "fpregs", args: []string{"fpregs", "spin", "2"},
		also:   [][]string{{"fpregs", "spin", "3"}},
		output: []string{"fpregs spin: ok"}},
	{name: "FP/SIMD registers: the signal frame holds the interrupted " +
		"values, rt_sigreturn restores the frame's",
		prog: "fpregs", args: []string{"fpregs", "signal", "4"},
		output: []string{"fpregs signal: ok"}},
	{name: "FP/SIMD registers: a forked child starts with its parent's",
		prog: "fpregs", args: []string{"fpregs", "fork", "5"},
		output: []string{"fpregs fork: ok"}},

	{name: "fork: a private copy of memory, getppid, waitpid's " +
		"status, SIGCHLD, ECHILD, WNOHANG",
		prog: "fork", output: []string{"fork: ok"}},

	// Debian's busybox-static, unmodified (scripts/busybox). Its
	// shell runs applets in a forked child, without exec.
	{name: "busybox: the shell parses and runs builtins",
		prog: "busybox", args: []string{"busybox", "sh", "-c",
			"x=6; echo $((x*7)); test -n \"$x\" && echo set; " +
				"printf '%s-%d\\n' ok 3"},
		output: []string{"42", "set", "ok-3"}},
	{name: "busybox: the shell forks to run applets",
		prog: "busybox", args: []string{"busybox", "sh", "-c",
			"id; seq 7 8; expr 6 '*' 7; echo end"},
		output: []string{"uid=0 gid=0", "7\n8", "42", "end"}},
	{name: "busybox: id, uname, seq, expr, factor",
		prog: "busybox", args: []string{"busybox", "id"},
		also: [][]string{{"busybox", "uname", "-s", "-n"},
			{"busybox", "seq", "2", "4"},
			{"busybox", "expr", "6", "*", "7"},
			{"busybox", "factor", "1234567"}},
		output: []string{"uid=0 gid=0", "Linux ringside", "3", "42",
			"1234567: 127 9721"}},
	{name: "busybox: md5sum of empty stdin, sleep, date, uptime",
		prog: "busybox", args: []string{"busybox", "md5sum"},
		also: [][]string{{"busybox", "sleep", "0.01"},
			{"busybox", "date", "+%Y-%m-%d"}, {"busybox", "uptime"}},
		output: []string{"d41d8cd98f00b204e9800998ecf8427e  -", "-12-",
			"load average: 0.00"}},
	{name: "busybox: a failing applet's status reaches the kernel",
		prog: "busybox", args: []string{"busybox", "false"}, status: 1},
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

	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	faults := copyFaults()

	for _, t := range tasks {
		k.Go(t)
	}
	for i, t := range tasks {
		if status := t.Wait(); status != tc.status {
			return fmt.Errorf("task %d: exit status %d, want %d", i+1,
				status, tc.status)
		}
	}

	runtime.ReadMemStats(&after)
	if n := after.Mallocs - before.Mallocs; tc.maxAllocs > 0 &&
		n > tc.maxAllocs {
		return fmt.Errorf("%d heap allocations, at most %d expected", n,
			tc.maxAllocs)
	}

	if n := copyFaults() - faults; tc.maxCopyFaults > 0 &&
		n > tc.maxCopyFaults {
		return fmt.Errorf("%d user copies faulted, at most %d expected",
			n, tc.maxCopyFaults)
	}
	if tc.check != nil {
		if err := tc.check(); err != nil {
			return err
		}
	}

	for _, want := range tc.output {
		if !strings.Contains(out.String(), want) {
			return fmt.Errorf("output lacks %q", want)
		}
	}
	for _, p := range tc.before {
		i, j := strings.Index(out.String(), p[0]),
			strings.Index(out.String(), p[1])
		if i < 0 || j < 0 || i > j {
			return fmt.Errorf("%q does not come before %q", p[0], p[1])
		}
	}
	return nil
}
