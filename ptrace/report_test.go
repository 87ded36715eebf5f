package ptrace

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestReportSyscallEntry(t *testing.T) {
	tests := []struct {
		name     string
		traced   bool
		mode     Mode
		options  Options
		action   func(st *State, regs Regs)
		wantSkip bool
		wantSig  int
		wantNr   int
	}{
		{name: "untraced task has no stop and runs the syscall",
			mode: ModeSyscall, wantNr: 39},
		{name: "PTRACE_SYSCALL stops with SIGTRAP and runs the syscall",
			traced: true, mode: ModeSyscall, wantSig: 5, wantNr: 39},
		{name: "TRACESYSGOOD reports SIGTRAP|0x80",
			traced: true, mode: ModeSyscall,
			options: PTRACE_O_TRACESYSGOOD, wantSig: 0x85, wantNr: 39},
		{name: "tracer setting nr to -1 skips the syscall",
			traced: true, mode: ModeSyscall, wantSig: 5, wantNr: -1,
			action:   func(_ *State, r Regs) { r.SetSyscallNr(-1) },
			wantSkip: true},
		{name: "tracer changing nr runs the new syscall",
			traced: true, mode: ModeSyscall, wantSig: 5, wantNr: 102,
			action: func(_ *State, r Regs) { r.SetSyscallNr(102) }},
		{name: "PTRACE_SYSEMU skips the syscall",
			traced: true, mode: ModeSysemu, wantSig: 5, wantNr: 39,
			wantSkip: true},
		{name: "PTRACE_SYSEMU_SINGLESTEP skips the syscall",
			traced: true, mode: ModeSysemuSinglestep, wantSig: 5,
			wantNr: 39, wantSkip: true},
		{name: "resuming with SYSCALL at a SYSEMU stop still skips",
			traced: true, mode: ModeSysemu, wantSig: 5, wantNr: 39,
			action:   func(st *State, _ Regs) { st.Mode = ModeSyscall },
			wantSkip: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := &fakeTracer{action: tt.action}
			st := &State{Mode: tt.mode, Options: tt.options,
				Arch: AUDIT_ARCH_X86_64}
			if tt.traced {
				st.Tracer = tr
			}
			regs := &fakeRegs{nr: 39, ret: -38, ip: 0x401000}

			skip := ReportSyscallEntry(st, regs)

			assert.Equal(t, tt.wantSkip, skip)
			assert.Equal(t, tt.wantNr, regs.nr)
			assert.Equal(t, PTRACE_SYSCALL_INFO_NONE, st.Stop(),
				"no stop after the tracee resumed")
			if !tt.traced {
				assert.Empty(t, tr.stops)
				return
			}
			require.Len(t, tr.stops, 1)
			assert.Equal(t, PTRACE_SYSCALL_INFO_ENTRY, tr.stops[0].op)
			assert.Equal(t, tt.wantSig, tr.stops[0].sig)
			assert.Equal(t, uint64(39), tr.stops[0].info.Nr)
		})
	}
}

func TestReportSyscallExit(t *testing.T) {
	tests := []struct {
		name      string
		traced    bool
		step      bool
		wantStops int
		wantTrap  bool
	}{
		{name: "untraced task has no exit stop"},
		{name: "traced task gets an exit stop", traced: true,
			wantStops: 1},
		{name: "single-step reports a trap instead of a stop",
			traced: true, step: true, wantTrap: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := &fakeTracer{}
			st := &State{Mode: ModeSyscall}
			if tt.traced {
				st.Tracer = tr
			}
			regs := &fakeRegs{nr: 0, ret: -9}

			trap := ReportSyscallExit(st, regs, tt.step)

			assert.Equal(t, tt.wantTrap, trap)
			require.Len(t, tr.stops, tt.wantStops)
			if tt.wantStops == 1 {
				info := tr.stops[0].info
				assert.Equal(t, PTRACE_SYSCALL_INFO_EXIT, info.Op)
				assert.Equal(t, int64(-9), info.Rval)
				assert.True(t, info.IsError)
			}
		})
	}
}

func TestModeFor(t *testing.T) {
	tests := []struct {
		name    string
		request int
		want    Mode
		ok      bool
	}{
		{"PTRACE_CONT ends syscall stops", PTRACE_CONT, ModeNone, true},
		{"PTRACE_SYSCALL", PTRACE_SYSCALL, ModeSyscall, true},
		{"PTRACE_SYSEMU", PTRACE_SYSEMU, ModeSysemu, true},
		{"PTRACE_SYSEMU_SINGLESTEP", PTRACE_SYSEMU_SINGLESTEP,
			ModeSysemuSinglestep, true},
		{"PTRACE_SINGLESTEP", PTRACE_SINGLESTEP, ModeSinglestep, true},
		{"other requests are not resume requests",
			PTRACE_GET_SYSCALL_INFO, ModeNone, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, ok := ModeFor(tt.request)
			assert.Equal(t, tt.want, m)
			assert.Equal(t, tt.ok, ok)
		})
	}
}
