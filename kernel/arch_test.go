package kernel

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/ringside-kernel/ringside/arch/amd64"
	"github.com/ringside-kernel/ringside/arch/arm64"
	"github.com/ringside-kernel/ringside/kernel/abi"
)

func TestAMD64SyscallNumbers(t *testing.T) {
	tests := []struct {
		nr   int
		want abi.Sys
	}{
		{0, abi.SysRead}, {1, abi.SysWrite}, {9, abi.SysMmap},
		{12, abi.SysBrk}, {13, abi.SysRtSigaction}, {39, abi.SysGetpid},
		{60, abi.SysExit}, {63, abi.SysUname}, {158, abi.SysArchPrctl},
		{186, abi.SysGettid}, {202, abi.SysFutex},
		{218, abi.SysSetTidAddress}, {228, abi.SysClockGettime},
		{231, abi.SysExitGroup}, {234, abi.SysTgkill},
		{262, abi.SysNewfstatat}, {273, abi.SysSetRobustList},
		{302, abi.SysPrlimit64}, {309, abi.SysGetcpu},
		{318, abi.SysGetrandom}, {332, abi.SysStatx}, {334, abi.SysRseq},
		{5, abi.SysFstat}, {20, abi.SysWritev}, {89, abi.SysReadlink},
		{267, abi.SysReadlinkat}, {439, abi.SysFaccessat2},
		{335, abi.SysInvalid}, {-1, abi.SysInvalid},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, AMD64{}.Sys(tt.nr), "nr %d", tt.nr)
		if tt.want != abi.SysInvalid {
			assert.Equal(t, tt.nr, amd64.Nr(tt.want), "Nr(%d)", tt.want)
		}
	}
}

func TestARM64SyscallNumbers(t *testing.T) {
	tests := []struct {
		nr   int
		want abi.Sys
	}{
		{172, abi.SysGetpid}, {178, abi.SysGettid}, {64, abi.SysWrite},
		{94, abi.SysExitGroup}, {293, abi.SysRseq}, {214, abi.SysBrk},
		{222, abi.SysMmap}, {160, abi.SysUname},
		{113, abi.SysClockGettime}, {79, abi.SysNewfstatat},
		{80, abi.SysFstat}, {96, abi.SysSetTidAddress},
		{134, abi.SysRtSigaction}, {278, abi.SysGetrandom},
		{261, abi.SysPrlimit64}, {78, abi.SysReadlinkat},
		{168, abi.SysGetcpu}, {63, abi.SysRead}, {93, abi.SysExit},
		{98, abi.SysFutex}, {99, abi.SysSetRobustList},
		{131, abi.SysTgkill}, {291, abi.SysStatx}, {226, abi.SysMprotect},
		{2, abi.SysInvalid}, {1000, abi.SysInvalid},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, ARM64{}.Sys(tt.nr), "nr %d", tt.nr)
		if tt.want != abi.SysInvalid {
			assert.Equal(t, tt.nr, arm64.Nr(tt.want), "Nr(%d)", tt.want)
		}
	}
}

func TestLegacySyscallsExistOnlyOnAMD64(t *testing.T) {
	for _, s := range []abi.Sys{abi.SysOpen, abi.SysStat, abi.SysLstat,
		abi.SysAccess, abi.SysPoll, abi.SysDup2, abi.SysReadlink,
		abi.SysArchPrctl, abi.SysPause, abi.SysAlarm} {
		assert.GreaterOrEqual(t, amd64.Nr(s), 0, "amd64 has %d", s)
		assert.Equal(t, -1, arm64.Nr(s), "arm64 lacks %d", s)
	}
}

func TestArchNames(t *testing.T) {
	assert.Equal(t, "x86_64", AMD64{}.Name())
	assert.Equal(t, "aarch64", ARM64{}.Name())
}

func TestAMD64FaultSignals(t *testing.T) {
	const ip = 0x401234
	tests := []struct {
		name string
		tr   Trap
		sig  abi.Signal
		code int
		addr uint64
	}{
		{"divide error", Trap{Vector: 0}, abi.SIGFPE, abi.FPE_INTDIV, ip},
		{"single step", Trap{Vector: 1, Code: 1 << 14}, abi.SIGTRAP,
			abi.TRAP_TRACE, ip},
		{"hardware breakpoint", Trap{Vector: 1, Code: 1}, abi.SIGTRAP,
			abi.TRAP_HWBKPT, ip},
		{"int3 is force_sig", Trap{Vector: 3}, abi.SIGTRAP,
			abi.SI_KERNEL, 0},
		{"into", Trap{Vector: 4}, abi.SIGSEGV, abi.SI_KERNEL, 0},
		{"bound", Trap{Vector: 5}, abi.SIGSEGV, abi.SI_KERNEL, 0},
		{"invalid opcode", Trap{Vector: 6}, abi.SIGILL, abi.ILL_ILLOPN,
			ip},
		{"general protection", Trap{Vector: 13, Code: 0x10},
			abi.SIGSEGV, abi.SI_KERNEL, 0},
		{"page not present", Trap{Vector: 14, Code: 0x6,
			Addr: 0xdead000}, abi.SIGSEGV, abi.SEGV_MAPERR, 0xdead000},
		{"protection violation", Trap{Vector: 14, Code: 0x7,
			Addr: 0x500000}, abi.SIGSEGV, abi.SEGV_ACCERR, 0x500000},
		{"protection key", Trap{Vector: 14, Code: 0x27, Addr: 8},
			abi.SIGSEGV, abi.SEGV_PKUERR, 8},
		{"x87 zero divide", Trap{Vector: 16, Code: 0x4}, abi.SIGFPE,
			abi.FPE_FLTDIV, ip},
		{"simd invalid", Trap{Vector: 19, Code: 0x1}, abi.SIGFPE,
			abi.FPE_FLTINV, ip},
		{"simd without status", Trap{Vector: 19}, abi.SIGFPE,
			abi.FPE_FLTUNK, ip},
		{"alignment check", Trap{Vector: 17}, abi.SIGBUS, abi.BUS_ADRALN,
			0},
		{"stack segment", Trap{Vector: 12}, abi.SIGBUS, abi.SI_KERNEL, 0},
		{"segment not present", Trap{Vector: 11}, abi.SIGBUS,
			abi.SI_KERNEL, 0},
		{"control protection", Trap{Vector: 21}, abi.SIGSEGV,
			abi.SEGV_CPERR, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := amd64.NewUserRegs(ip, 0x7ff000)
			tt.tr.Kind = TrapFault

			sig, code, addr := AMD64{}.Fault(tt.tr, &r)

			assert.Equal(t, tt.sig, sig)
			assert.Equal(t, tt.code, code)
			assert.Equal(t, tt.addr, addr)
		})
	}
}

// esr builds an ESR_EL1 value from an exception class and ISS.
func esr(ec, iss uint64) uint64 { return ec<<26 | 1<<25 | iss }

func TestARM64FaultSignals(t *testing.T) {
	const pc, sp, far = 0x401000, 0x7ffff0, 0xdead0
	tests := []struct {
		name string
		esr  uint64
		sig  abi.Signal
		code int
		addr uint64
	}{
		{"data abort, translation level 3", esr(0x24, 0x07), abi.SIGSEGV,
			abi.SEGV_MAPERR, far},
		{"data abort, permission level 3", esr(0x24, 0x0f), abi.SIGSEGV,
			abi.SEGV_ACCERR, far},
		{"data abort, access flag level 2", esr(0x24, 0x0a),
			abi.SIGSEGV, abi.SEGV_ACCERR, far},
		{"instruction abort, translation level 0", esr(0x20, 0x04),
			abi.SIGSEGV, abi.SEGV_MAPERR, far},
		{"data abort, alignment", esr(0x24, 0x21), abi.SIGBUS,
			abi.BUS_ADRALN, far},
		{"data abort, external", esr(0x24, 0x10), abi.SIGBUS,
			abi.BUS_OBJERR, far},
		{"data abort, address size", esr(0x24, 0x01), abi.SIGKILL,
			abi.SI_KERNEL, far},
		{"pc alignment", esr(0x22, 0), abi.SIGBUS, abi.BUS_ADRALN, far},
		{"sp alignment", esr(0x26, 0), abi.SIGBUS, abi.BUS_ADRALN, sp},
		{"unknown reason (udf)", esr(0x00, 0), abi.SIGILL,
			abi.ILL_ILLOPC, pc},
		{"brk", esr(0x3c, 0x3e8), abi.SIGTRAP, abi.TRAP_BRKPT, pc},
		{"fp exception, divide by zero", esr(0x2c, 1<<23|1<<1),
			abi.SIGFPE, abi.FPE_FLTDIV, pc},
		{"fp exception without valid flags", esr(0x2c, 1<<1),
			abi.SIGFPE, abi.FPE_FLTUNK, pc},
		{"software step", esr(0x32, 0), abi.SIGTRAP, abi.TRAP_TRACE, pc},
		{"illegal execution state", esr(0x0e, 0), abi.SIGILL,
			abi.ILL_ILLOPC, pc},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := arm64.NewUserRegs(pc, sp)
			tr := Trap{Kind: TrapFault, Code: tt.esr, Addr: far}

			sig, code, addr := ARM64{}.Fault(tr, &r)

			assert.Equal(t, tt.sig, sig)
			assert.Equal(t, tt.code, code)
			assert.Equal(t, tt.addr, addr)
		})
	}
}

func TestDisassemble(t *testing.T) {
	tests := []struct {
		name string
		arch Arch
		code []byte
		want string
	}{
		{"amd64 load in AT&T syntax", AMD64{}, []byte{0x48, 0x8b, 0x18},
			"mov (%rax),%rbx"},
		{"amd64 ud2", AMD64{}, []byte{0x0f, 0x0b}, "ud2"},
		{"amd64 NULL load shows address 0", AMD64{},
			[]byte{0x8b, 0x04, 0x25, 0, 0, 0, 0}, "mov 0x0,%eax"},
		{"amd64 NULL store shows address 0", AMD64{},
			[]byte{0x89, 0x04, 0x25, 0, 0, 0, 0}, "mov %eax,0x0"},
		{"amd64 truncated", AMD64{}, []byte{0x0f}, "(bad)"},
		{"arm64 load", ARM64{}, []byte{0x20, 0x00, 0x40, 0xf9},
			"ldr x0, [x1]"},
		{"arm64 short", ARM64{}, []byte{0x20}, "(bad)"},
		{"arm64 udf", ARM64{}, []byte{0, 0, 0, 0}, ".inst 0x00000000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, tt.arch.Disassemble(tt.code, 0x1000))
		})
	}
}
