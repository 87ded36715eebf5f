package entry

import (
	"testing"

	"github.com/ringside-kernel/ringside/kernel/abi"
	"github.com/ringside-kernel/ringside/ptrace"
	"github.com/ringside-kernel/ringside/rseq"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const enosys = -38

func TestSyscall(t *testing.T) {
	skip := func(_ *ptrace.State, r ptrace.Regs) {
		if r.SyscallNr() != -1 && r.Return() == enosys {
			r.SetSyscallNr(-1)
		}
	}
	tests := []struct {
		name      string
		nr        int
		tracer    bool
		mode      ptrace.Mode
		action    func(*ptrace.State, ptrace.Regs)
		wantLog   []string
		wantStops []string
		wantRet   int64
	}{
		{name: "untraced syscall dispatches and returns its value",
			nr: 39, wantLog: []string{"dispatch 39"}, wantRet: 42},
		{name: "user syscall(-1) returns -ENOSYS without dispatch",
			nr: -1, wantRet: enosys},
		{name: "traced syscall has entry and exit stops",
			nr: 39, tracer: true, mode: ptrace.ModeSyscall,
			wantLog: []string{"dispatch 39"},
			wantStops: []string{"entry nr=39 ret=-38",
				"exit nr=39 ret=42"},
			wantRet: 42},
		{name: "tracer skip returns -ENOSYS",
			nr: 39, tracer: true, mode: ptrace.ModeSyscall,
			action: skip,
			wantStops: []string{"entry nr=39 ret=-38",
				"exit nr=-1 ret=-38"},
			wantRet: enosys},
		{name: "tracer skip keeps the value the tracer set",
			nr: 39, tracer: true, mode: ptrace.ModeSyscall,
			action: func(st *ptrace.State, r ptrace.Regs) {
				skip(st, r)
				r.SetReturn(7)
			},
			wantStops: []string{"entry nr=39 ret=-38",
				"exit nr=-1 ret=7"},
			wantRet: 7},
		{name: "tracer changing the number runs the new syscall",
			nr: 39, tracer: true, mode: ptrace.ModeSyscall,
			action: func(st *ptrace.State, r ptrace.Regs) {
				if st.Stop() == ptrace.PTRACE_SYSCALL_INFO_ENTRY {
					r.SetSyscallNr(102)
				}
			},
			wantLog: []string{"dispatch 102"},
			wantStops: []string{"entry nr=39 ret=-38",
				"exit nr=102 ret=42"},
			wantRet: 42},
		{name: "sysemu skips the syscall and has no exit stop",
			nr: 39, tracer: true, mode: ptrace.ModeSysemu,
			wantStops: []string{"entry nr=39 ret=-38"},
			wantRet:   enosys},
		{name: "sysemu-singlestep has no exit stop and no trap",
			nr: 39, tracer: true, mode: ptrace.ModeSysemuSinglestep,
			wantStops: []string{"entry nr=39 ret=-38"},
			wantRet:   enosys},
		{name: "single-step traps after the syscall",
			nr: 39, tracer: true, mode: ptrace.ModeSinglestep,
			wantLog: []string{"dispatch 39", "force SIGTRAP", "signal"},
			wantRet: 42},
		{name: "tracer resuming with PTRACE_CONT has no exit stop",
			nr: 39, tracer: true, mode: ptrace.ModeSyscall,
			action: func(st *ptrace.State, _ ptrace.Regs) {
				st.Mode = ptrace.ModeNone
			},
			wantLog:   []string{"dispatch 39"},
			wantStops: []string{"entry nr=39 ret=-38"},
			wantRet:   42},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			th, k, r, _ := newThread()
			k.ret = 42
			tr := &fakeTracer{action: tt.action}
			if tt.tracer {
				th.Ptrace.Tracer = tr
				th.Ptrace.Mode = tt.mode
				th.SyncPtraceWork()
			}
			r.origAX, r.ax = tt.nr, int64(tt.nr)

			th.Syscall(tt.nr)

			assert.Equal(t, tt.wantLog, k.log)
			assert.Equal(t, tt.wantStops, tr.stops)
			assert.Equal(t, tt.wantRet, r.ax)
		})
	}
}

func TestSyncPtraceWork(t *testing.T) {
	tests := []struct {
		name   string
		tracer bool
		mode   ptrace.Mode
		want   Work
	}{
		{"no tracer, no work", false, ptrace.ModeSyscall, 0},
		{"PTRACE_SYSCALL", true, ptrace.ModeSyscall, WorkSyscallTrace},
		{"PTRACE_SYSEMU", true, ptrace.ModeSysemu, WorkSyscallEmu},
		{"PTRACE_SYSEMU_SINGLESTEP", true, ptrace.ModeSysemuSinglestep,
			WorkSyscallEmu | WorkSingleStep},
		{"PTRACE_SINGLESTEP", true, ptrace.ModeSinglestep,
			WorkSingleStep},
		{"PTRACE_CONT", true, ptrace.ModeNone, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			th, _, _, _ := newThread()
			th.SetWork(ptraceWork | WorkSigPending)
			th.Ptrace.Mode = tt.mode
			if tt.tracer {
				th.Ptrace.Tracer = &fakeTracer{}
			}

			th.SyncPtraceWork()

			assert.Equal(t, tt.want|WorkSigPending, th.Work())
		})
	}
}

func TestIrqExitHasNoSyscallStops(t *testing.T) {
	th, k, _, _ := newThread()
	tr := &fakeTracer{}
	th.Ptrace.Tracer = tr
	th.Ptrace.Mode = ptrace.ModeSyscall
	th.SyncPtraceWork()

	th.IrqentryExitToUserMode()

	assert.Empty(t, tr.stops)
	assert.Empty(t, k.log)
}

func TestRseqDebugSyscallInsideSection(t *testing.T) {
	th, k, r, m := newThread()
	require.Zero(t, rseq.Register(&th.Rseq, th.Mem, areaAddr,
		rseq.OrigSize, 0, rseq.SignatureAMD64))
	m.put64(csAddr+8, 0x10f00)
	m.put64(csAddr+16, 0x40)
	m.put64(csAddr+24, 0x11000)
	m.put32(0x11000-4, rseq.SignatureAMD64)
	m.put64(areaAddr+rseq.OffRseqCS, csAddr)
	r.ip = 0x10f10

	th.rseqDebugSyscallReturn()

	assert.Equal(t, []string{"force " + abi.SIGSEGV.String()}, k.log)
}

func TestRseqSignalDeliverAborts(t *testing.T) {
	th, k, r, m := newThread()
	require.Zero(t, rseq.Register(&th.Rseq, th.Mem, areaAddr,
		rseq.OrigSize, 0, rseq.SignatureAMD64))
	m.put64(csAddr+8, 0x10f00)
	m.put64(csAddr+16, 0x40)
	m.put64(csAddr+24, 0x11000)
	m.put32(0x11000-4, rseq.SignatureAMD64)
	m.put64(areaAddr+rseq.OffRseqCS, csAddr)
	r.ip = 0x10f10

	th.RseqSignalDeliver()

	assert.Equal(t, uint64(0x11000), r.ip)
	assert.Empty(t, k.log)
}
