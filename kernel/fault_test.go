package kernel

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ringside-kernel/ringside/arch/amd64"
	"github.com/ringside-kernel/ringside/arch/arm64"
	"github.com/ringside-kernel/ringside/entry"
	"github.com/ringside-kernel/ringside/kernel/abi"
)

func TestReportFaultLogsOneLineAndKills(t *testing.T) {
	tests := []struct {
		name   string
		arch   Arch
		code   []byte
		ip     uint64
		tr     Trap
		line   string
		status int
	}{
		{
			name: "amd64 load from an unmapped address",
			arch: AMD64{}, code: []byte{0x48, 0x8b, 0x18}, ip: textAddr,
			tr: Trap{Kind: TrapFault, Vector: 14, Code: 4,
				Addr: 0xffff800000000000},
			line: "ringside: task 1 (prog): SIGSEGV at ip 0x800000 " +
				"addr 0xffff800000000000 code SEGV_MAPERR: " +
				"mov (%rax),%rbx\n",
			status: int(abi.SIGSEGV) | coreDumped,
		},
		{
			name: "amd64 ud2 at the end of a mapping",
			arch: AMD64{}, code: []byte{0x0f, 0x0b},
			ip: textAddr + abi.PageSize - 2,
			tr: Trap{Kind: TrapFault, Vector: 6},
			line: "ringside: task 1 (prog): SIGILL at ip 0x800ffe " +
				"addr 0x800ffe code ILL_ILLOPN: ud2\n",
			status: int(abi.SIGILL) | coreDumped,
		},
		{
			name: "amd64 jump into nowhere",
			arch: AMD64{}, ip: holeAddr,
			tr: Trap{Kind: TrapFault, Vector: 14, Code: 0x14,
				Addr: holeAddr},
			line: "ringside: task 1 (prog): SIGSEGV at ip 0x600000 " +
				"addr 0x600000 code SEGV_MAPERR: <unreadable>\n",
			status: int(abi.SIGSEGV) | coreDumped,
		},
		{
			name: "arm64 store to read-only memory",
			arch: ARM64{}, code: []byte{0x20, 0x00, 0x00, 0xf9},
			ip: textAddr,
			tr: Trap{Kind: TrapFault, Code: esr(0x24, 1<<6|0x0f),
				Addr: roAddr},
			line: "ringside: task 1 (prog): SIGSEGV at ip 0x800000 " +
				"addr 0x500000 code SEGV_ACCERR: str x0, [x1]\n",
			status: int(abi.SIGSEGV) | coreDumped,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnvArch(t, tt.arch)
			if tt.code != nil {
				e.poke(t, tt.ip, tt.code)
			}
			e.t.Ctx.Regs().SetInstructionPointer(tt.ip)

			e.t.ReportFault(tt.tr)

			assert.Equal(t, tt.line, e.out.String())
			assert.NotZero(t, e.t.Work()&entry.WorkSigPending)

			e.t.DeliverSignal(&e.t.Thread)

			done, status := e.t.Exited()
			assert.True(t, done)
			assert.Equal(t, tt.status, status)
			assert.Zero(t, e.t.Work()&entry.WorkSigPending)
		})
	}
}

func TestReportMemFaultUsesMMVerdict(t *testing.T) {
	e := newEnv(t)
	e.poke(t, textAddr, []byte{0x48, 0x89, 0x18}) // mov %rbx,(%rax)

	// Not present in hardware, but the VMA forbids the write: ACCERR.
	e.t.ReportMemFault(Trap{Kind: TrapFault, Vector: 14, Code: 6,
		Addr: roAddr}, abi.SEGV_ACCERR)

	assert.Contains(t, e.out.String(), "code SEGV_ACCERR: mov %rbx,(%rax)")
}

func TestForcedFaultOverridesBlockAndIgnore(t *testing.T) {
	tests := []struct {
		name    string
		handler uint64
		blocked bool
	}{
		{"ignored", abi.SIG_IGN, false},
		{"blocked", abi.SIG_DFL, true},
		{"blocked with a handler", 0x401000, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			e.t.signals.actions[abi.SIGSEGV].Handler = tt.handler
			if tt.blocked {
				e.t.signals.blocked = abi.SigMask(abi.SIGSEGV)
			}

			e.t.ForceSignalFault(abi.SIGSEGV, abi.SEGV_MAPERR, 0)
			e.t.DeliverSignal(&e.t.Thread)

			_, status := e.t.Exited()
			assert.Equal(t, int(abi.SIGSEGV)|coreDumped, status)
			assert.Zero(t, e.t.signals.blocked)
		})
	}
}

func TestEntryForceSignalIsSIKernel(t *testing.T) {
	e := newEnv(t)

	e.t.ForceSignal(&e.t.Thread, abi.SIGTRAP, nil)

	require.NotZero(t, e.t.signals.pending&abi.SigMask(abi.SIGTRAP))
	assert.Equal(t, int32(abi.SI_KERNEL), e.t.signals.info[abi.SIGTRAP].code)
}

func TestFaultRegistersFromTaskContext(t *testing.T) {
	// The amd64 and arm64 register files both satisfy entry.Regs.
	var _ entry.Regs = &amd64.Regs{}
	var _ entry.Regs = &arm64.Regs{}
}
