package kernel

import (
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/ringside-kernel/ringside/entry"
	"github.com/ringside-kernel/ringside/kernel/abi"
)

// sysFunc is one syscall handler. It returns the result, or a non-zero
// errno that Dispatch turns into -errno. A handler that takes arguments
// reads them with t.args(), as Linux's syscall wrappers take them from
// pt_regs: one without (getpid) copies none.
type sysFunc func(t *Task) (int64, abi.Errno)

// sysEntry is a sys_call_table slot: the handler and its name for the
// trace.
type sysEntry struct {
	name string
	fn   sysFunc
}

// sysState is the syscall layer's machine-wide state: which unknown
// syscall numbers were already logged this boot.
type sysState struct {
	mu     sync.Mutex
	logged map[unimplementedKey]bool
}

type unimplementedKey struct {
	arch string
	nr   int
}

// Dispatch runs syscall nr of the task's architecture with its six
// arguments and returns the value of the return register, -errno on
// error (the sys_call_table call of do_syscall_64 and invoke_syscall).
// A number without a handler is -ENOSYS, logged once per number per
// boot. With Kernel.Trace every call is logged with its result.
func (t *Task) Dispatch(_ *entry.Thread, nr int) int64 {
	if t.calls == nil {
		t.calls = callTable(t.Arch)
	}

	var fn sysFunc
	if uint(nr) < uint(len(t.calls)) {
		fn = t.calls[nr]
	}

	var r int64
	if fn == nil {
		t.unimplemented(nr)
		r = abi.ENOSYS.Ret()
	} else if v, errno := fn(t); errno != 0 {
		r = errno.Ret()
	} else {
		r = v
	}

	if t.k.Trace {
		t.traceSyscall(nr, t.args(), r)
	}
	return r
}

// callTable is sysTable in the architecture's numbering: the handler of
// each number, nil for -ENOSYS, so that Dispatch indexes once.
func callTable(a Arch) []sysFunc {
	nrs := a.Sysnos()
	calls := make([]sysFunc, len(nrs))
	for nr, s := range nrs {
		calls[nr] = sysTable[s].fn
	}
	return calls
}

// args returns the six arguments of the syscall being dispatched.
func (t *Task) args() [6]uint64 { return t.Regs.SyscallArgs() }

// traceSyscall logs one call and its result (Kernel.Trace).
func (t *Task) traceSyscall(nr int, args [6]uint64, r int64) {
	name := "syscall_" + strconv.Itoa(nr)
	if s := t.Arch.Sys(nr); s != abi.SysInvalid && sysTable[s].fn != nil {
		name = sysTable[s].name
	}
	t.k.Logf("task %d (%s): %s = %s", t.TID, t.Name,
		formatCall(name, args), formatResult(r))
}

// unimplemented logs the first use of a syscall number ringside does not
// serve.
func (t *Task) unimplemented(nr int) {
	st := &t.k.sys
	key := unimplementedKey{t.Arch.Name(), nr}

	st.mu.Lock()
	first := !st.logged[key]
	if first {
		if st.logged == nil {
			st.logged = make(map[unimplementedKey]bool)
		}
		st.logged[key] = true
	}
	st.mu.Unlock()

	if first {
		t.k.Logf("task %d (%s): unimplemented syscall %d", t.TID,
			t.Name, nr)
	}
}

// formatCall renders a call for the trace: name(0x1, 0x4000, ...).
func formatCall(name string, a [6]uint64) string {
	var b strings.Builder
	b.WriteString(name)
	b.WriteByte('(')
	for i, v := range a {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%#x", v)
	}
	b.WriteByte(')')
	return b.String()
}

// formatResult renders a return value: the number, or -errno and name.
func formatResult(r int64) string {
	if r < 0 && r >= -4095 {
		return fmt.Sprintf("%d %v", r, abi.Errno(-r))
	}
	return fmt.Sprintf("%#x", r)
}
