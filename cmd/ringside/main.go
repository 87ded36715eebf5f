//go:build tamago

// Command ringside is the kernel image: it boots the board, then either
// runs the payload's init program as the first user task or, in a test
// image, the in-guest suite. The payload directory is filled by the
// Makefile: the static user programs and a one-line cmdline file.
package main

import (
	"embed"
	"fmt"
	"os"
	"runtime"
	"runtime/goos"
	"strings"

	"github.com/ringside-kernel/ringside/kernel"
	"github.com/ringside-kernel/ringside/ptrace"
)

//go:embed payload
var payload embed.FS

// defaultEnv is the environment of every task started by the kernel.
var defaultEnv = []string{"HOME=/", "PATH=/bin", "TERM=linux"}

func main() {
	k := &kernel.Kernel{Machine: newMachine(), Console: os.Stdout}
	if vdso, err := payload.ReadFile("payload/vdso.so"); err == nil {
		k.VDSO = vdso
	}
	if now, ok := boardRTC(); ok {
		kernel.SetWallClock(now)
		k.Logf("wall clock from the RTC: %s",
			now.Format("2006-01-02 15:04:05 UTC"))
	}

	cmdline, err := payload.ReadFile("payload/cmdline")
	if err != nil {
		k.Logf("no cmdline in the payload: %v", err)
		goos.Exit(125)
	}
	args := strings.Fields(string(cmdline))

	// "trace" first logs every syscall (Kernel.Trace).
	if len(args) > 0 && args[0] == "trace" {
		k.Trace = true
		args = args[1:]
	}

	switch {
	case len(args) == 1 && args[0] == "test":
		k.Logf("running the in-guest suite on %s", boardName)
		failed := runSuite(k, os.Stdout)
		goos.Exit(int32(min(failed, 1)))

	case len(args) >= 2 && args[0] == "run":
		goos.Exit(int32(runInit(k, args[1], args[1:])))

	default:
		k.Logf("bad cmdline %q", cmdline)
		goos.Exit(125)
	}
}

// runInit runs prog as the first task and returns its exit status, which
// becomes the machine's. The last console line states it, since QEMU's own
// exit status cannot carry every value (see scripts/qemu-run).
func runInit(k *kernel.Kernel, prog string, argv []string) int {
	image, err := payload.ReadFile("payload/" + prog)
	if err != nil {
		k.Logf("no %s in the payload", prog)
		return 127
	}

	t, err := k.Spawn(prog, image, argv, defaultEnv)
	if err != nil {
		k.Logf("cannot start %s: %v", prog, err)
		return 126
	}

	var tracer *kernel.Tracer
	if initTraceMode != ptrace.ModeNone {
		tracer = t.Trace(initTraceMode)
	}

	// Collect boot's garbage now: a cycle left pending would run in the
	// task's first time slices and show in its measurements.
	runtime.GC()

	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	status := k.Run(t)
	runtime.ReadMemStats(&after)
	k.Logf("init ran with %d heap allocations, %d GC cycles",
		after.Mallocs-before.Mallocs, after.NumGC-before.NumGC)
	if tracer != nil {
		k.Logf("in-kernel tracer: %d syscall-entry and %d syscall-exit "+
			"stops", tracer.Entries, tracer.Exits)
	}
	logDesignCounts(k)

	fmt.Fprintf(os.Stdout, "ringside: init exited with status %d\n", status)
	return status
}
