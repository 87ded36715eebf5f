package arm64

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/ringside-kernel/ringside/kernel/abi"
)

func TestSyscallAccessors(t *testing.T) {
	r := NewUserRegs(0x400000, 0x7ff000)
	r.X[8] = 64
	r.Syscallno = 64
	r.OrigX0, r.X[0] = 1, 1
	r.X[1], r.X[2], r.X[3], r.X[4], r.X[5] = 2, 3, 4, 5, 6

	assert.Equal(t, 64, r.SyscallNr())
	assert.Equal(t, [6]uint64{1, 2, 3, 4, 5, 6}, r.SyscallArgs())

	r.SetReturn(5)
	assert.Equal(t, int64(5), r.Return())
	assert.Equal(t, [6]uint64{1, 2, 3, 4, 5, 6}, r.SyscallArgs(),
		"the first argument survives the return value in orig_x0")

	r.SetErrno(abi.EBADF)
	assert.Equal(t, int64(-9), r.Return())
}

func TestSetSyscallArgsUpdatesOrigX0(t *testing.T) {
	var r Regs

	r.SetSyscallArgs([6]uint64{9, 8, 7, 6, 5, 4})

	assert.Equal(t, uint64(9), r.OrigX0)
	assert.Equal(t, uint64(9), r.X[0])
	assert.Equal(t, [6]uint64{9, 8, 7, 6, 5, 4}, r.SyscallArgs())
}

func TestRestartSyscall(t *testing.T) {
	r := NewUserRegs(0x400004, 0)
	r.OrigX0 = 3
	r.SetErrno(abi.ERESTARTNOINTR)

	r.RestartSyscall()

	assert.Equal(t, uint64(0x400000), r.InstructionPointer())
	assert.Equal(t, uint64(3), r.X[0])
}

func TestFreshRegs(t *testing.T) {
	r := NewUserRegs(0x400000, 0x7ff000)

	assert.Equal(t, -1, r.SyscallNr())
	assert.Equal(t, uint64(0x400000), r.InstructionPointer())
	assert.Equal(t, uint64(0x7ff000), r.StackPointer())
	assert.Zero(t, r.Pstate, "EL0t, nothing masked")

	r.SetSyscallNr(-1)
	r.SetInstructionPointer(0x1234)
	assert.Equal(t, uint64(0x1234), r.PC)
}

func TestSysnoRoundTrip(t *testing.T) {
	for nr := range 500 {
		if s := Sys(nr); s != abi.SysInvalid {
			assert.Equal(t, nr, Nr(s), "Nr(Sys(%d))", nr)
		}
	}
	assert.Equal(t, abi.SysInvalid, Sys(-1))
	assert.Equal(t, -1, Nr(abi.SysInvalid))
}
