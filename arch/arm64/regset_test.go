package arm64

import (
	"encoding/binary"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ringside-kernel/ringside/kernel/abi"
	"github.com/ringside-kernel/ringside/ptrace"
)

var le = binary.LittleEndian

// pstateWord is pstate's index in user_pt_regs.
const pstateWord = 33

// markedContext has x[i] = 0x1000+i, distinct SP, PC, FP/SIMD bytes and
// thread pointer, and a valid EL0t pstate with NZCV set.
func markedContext() *Context {
	c := NewContext(0x400000, 0x7ffff000)
	for i := range c.Regs.X {
		c.Regs.X[i] = 0x1000 + uint64(i)
	}
	c.Regs.SP, c.Regs.PC = 0x7fff0000, 0x401234
	c.Regs.Pstate = 0xf0000000
	c.Regs.Syscallno = 64
	for i := range c.FPSIMD.V {
		c.FPSIMD.V[i][0] = byte(i)
	}
	c.FPSIMD.FPSR, c.FPSIMD.FPCR = 0x8000001f, 0x03c00000
	c.TPIDR = 0xffffa0001000
	return c
}

// image returns the NT_PRSTATUS bytes of c.
func image(t *testing.T, c *Context) []byte {
	b := make([]byte, RegsSize)
	n, err := ptrace.GetRegset(RegsetView(), ptrace.NT_PRSTATUS, c, b)
	require.Equal(t, abi.Errno(0), err)
	require.Equal(t, RegsSize, n)
	return b
}

func TestRegsetView(t *testing.T) {
	v := RegsetView()

	assert.Equal(t, "aarch64", v.Name)
	assert.Equal(t, "EM_AARCH64", v.Machine.String())
	for _, tt := range []struct {
		note          uint32
		n, size, lenB int
	}{
		{ptrace.NT_PRSTATUS, 34, 8, 272},
		{ptrace.NT_PRFPREG, 132, 4, 528},
		{ptrace.NT_ARM_TLS, 1, 8, 8},
		{ptrace.NT_ARM_SYSTEM_CALL, 1, 4, 4},
	} {
		rs := v.Find(tt.note)
		require.NotNil(t, rs, "note %#x", tt.note)
		assert.Equal(t, tt.n, rs.N, "note %#x", tt.note)
		assert.Equal(t, tt.size, rs.Size, "note %#x", tt.note)
		assert.Equal(t, tt.lenB, rs.Len(), "note %#x", tt.note)
	}
}

// TestRegsetPRStatusLayout holds NT_PRSTATUS against struct user_pt_regs
// (arch/arm64/include/uapi/asm/ptrace.h). x/sys only builds its
// PtraceRegsArm64 for arm and arm64 hosts, so the offsets are written
// out.
func TestRegsetPRStatusLayout(t *testing.T) {
	b := image(t, markedContext())

	assert.Equal(t, uint64(0x1000), le.Uint64(b[0:]), "regs[0]")
	assert.Equal(t, uint64(0x1008), le.Uint64(b[64:]), "regs[8]")
	assert.Equal(t, uint64(0x101e), le.Uint64(b[240:]), "regs[30]")
	assert.Equal(t, uint64(0x7fff0000), le.Uint64(b[248:]), "sp")
	assert.Equal(t, uint64(0x401234), le.Uint64(b[256:]), "pc")
	assert.Equal(t, uint64(0xf0000000), le.Uint64(b[264:]), "pstate")
}

func TestRegsetGet(t *testing.T) {
	tests := []struct {
		name    string
		note    uint32
		bufLen  int
		wantN   int
		wantErr abi.Errno
		check   func(t *testing.T, b []byte)
	}{
		{name: "NT_PRSTATUS first register only",
			note: ptrace.NT_PRSTATUS, bufLen: 8, wantN: 8,
			check: func(t *testing.T, b []byte) {
				assert.Equal(t, uint64(0x1000), le.Uint64(b))
			}},
		{name: "NT_PRSTATUS oversized buffer is clamped",
			note: ptrace.NT_PRSTATUS, bufLen: 1024, wantN: 272},
		{name: "NT_PRFPREG whole has FPSR and FPCR after V31",
			note: ptrace.NT_PRFPREG, bufLen: 528, wantN: 528,
			check: func(t *testing.T, b []byte) {
				assert.Equal(t, byte(31), b[31*16])
				assert.Equal(t, uint32(0x8000001f), le.Uint32(b[512:]))
				assert.Equal(t, uint32(0x03c00000), le.Uint32(b[516:]))
			}},
		{name: "NT_PRFPREG one 4-byte register",
			note: ptrace.NT_PRFPREG, bufLen: 4, wantN: 4},
		{name: "NT_ARM_TLS is TPIDR_EL0",
			note: ptrace.NT_ARM_TLS, bufLen: 16, wantN: 8,
			check: func(t *testing.T, b []byte) {
				assert.Equal(t, uint64(0xffffa0001000), le.Uint64(b))
			}},
		{name: "NT_ARM_SYSTEM_CALL is the number as an int",
			note: ptrace.NT_ARM_SYSTEM_CALL, bufLen: 4, wantN: 4,
			check: func(t *testing.T, b []byte) {
				assert.Equal(t, uint32(64), le.Uint32(b))
			}},
		{name: "an x86 note is unknown",
			note: ptrace.NT_X86_XSTATE, bufLen: 8, wantErr: abi.EINVAL},
		{name: "NT_PRSTATUS length not a multiple of 8 is EINVAL",
			note: ptrace.NT_PRSTATUS, bufLen: 4, wantErr: abi.EINVAL},
		{name: "NT_PRFPREG length not a multiple of 4 is EINVAL",
			note: ptrace.NT_PRFPREG, bufLen: 6, wantErr: abi.EINVAL},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			buf := make([]byte, tt.bufLen)

			n, err := ptrace.GetRegset(RegsetView(), tt.note,
				markedContext(), buf)

			assert.Equal(t, tt.wantErr, err)
			assert.Equal(t, tt.wantN, n, "used length")
			if tt.check != nil {
				tt.check(t, buf[:n])
			}
		})
	}
}

func TestRegsetSetPRStatus(t *testing.T) {
	put := func(b []byte, word int, v uint64) []byte {
		le.PutUint64(b[8*word:], v)
		return b
	}
	tests := []struct {
		name       string
		src        func(b []byte) []byte
		oldPstate  uint64
		wantN      int
		wantErr    abi.Errno
		wantPstate uint64
		wantX0     uint64
	}{
		{name: "whole image round trips with NZCV",
			src:   func(b []byte) []byte { return put(b, 0, 7) },
			wantN: 272, wantPstate: 0xf0000000, wantX0: 7},
		{name: "partial write keeps the rest and checks the old pstate",
			src:   func(b []byte) []byte { return put(b, 0, 7)[:8] },
			wantN: 8, wantPstate: 0xf0000000, wantX0: 7},
		{name: "RES0 bits (PAN, UAO, upper word) are cleared",
			src: func(b []byte) []byte {
				return put(b, pstateWord, 1<<63|1<<22|1<<23|1<<5|
					0x20000000)
			},
			wantN: 272, wantPstate: 0x20000000, wantX0: 0x1000},
		{name: "SS stays as the kernel had it",
			src: func(b []byte) []byte {
				return put(b, pstateWord, psrSS)
			},
			wantN: 272, wantPstate: 0, wantX0: 0x1000},
		{name: "EL1h is EINVAL and nothing is written",
			src: func(b []byte) []byte {
				return put(put(b, 0, 7), pstateWord, 5)
			},
			wantErr: abi.EINVAL, wantPstate: 0xf0000000, wantX0: 0x1000},
		{name: "masked IRQs are EINVAL",
			src: func(b []byte) []byte {
				return put(b, pstateWord, 0x80)
			},
			wantErr: abi.EINVAL, wantPstate: 0xf0000000, wantX0: 0x1000},
		{name: "masked debug exceptions are EINVAL",
			src: func(b []byte) []byte {
				return put(b, pstateWord, 0x200)
			},
			wantErr: abi.EINVAL, wantPstate: 0xf0000000, wantX0: 0x1000},
		{name: "AArch32 state is EINVAL",
			src: func(b []byte) []byte {
				return put(b, pstateWord, 0x10)
			},
			wantErr: abi.EINVAL, wantPstate: 0xf0000000, wantX0: 0x1000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := markedContext()
			src := tt.src(image(t, c))

			n, err := ptrace.SetRegset(RegsetView(), ptrace.NT_PRSTATUS,
				c, src)

			assert.Equal(t, tt.wantErr, err)
			assert.Equal(t, tt.wantN, n, "used length")
			assert.Equal(t, tt.wantPstate, c.Regs.Pstate, "pstate")
			assert.Equal(t, tt.wantX0, c.Regs.X[0], "x0")
			assert.Equal(t, int32(64), c.Regs.Syscallno,
				"syscallno lies past user_pt_regs")
		})
	}
}

func TestRegsetSetPRStatusRoundTrip(t *testing.T) {
	from, to := markedContext(), NewContext(0, 0)
	want := image(t, from)

	n, err := ptrace.SetRegset(RegsetView(), ptrace.NT_PRSTATUS, to, want)

	require.Equal(t, abi.Errno(0), err)
	assert.Equal(t, RegsSize, n)
	assert.Equal(t, want, image(t, to))
}

func TestRegsetSetOthers(t *testing.T) {
	tests := []struct {
		name  string
		note  uint32
		src   []byte
		wantN int
		check func(t *testing.T, c *Context)
	}{
		{name: "NT_PRFPREG partial write sets V0's low word",
			note: ptrace.NT_PRFPREG, src: []byte{9, 9, 9, 9}, wantN: 4,
			check: func(t *testing.T, c *Context) {
				assert.Equal(t, [16]byte{9, 9, 9, 9}, c.FPSIMD.V[0])
				assert.Equal(t, byte(1), c.FPSIMD.V[1][0])
			}},
		{name: "NT_PRFPREG whole write sets FPSR and FPCR",
			note: ptrace.NT_PRFPREG,
			src: func() []byte {
				b := make([]byte, FPSIMDSize+8)
				le.PutUint32(b[512:], 0x11)
				le.PutUint32(b[516:], 0x22)
				return b
			}(),
			wantN: 528,
			check: func(t *testing.T, c *Context) {
				assert.Equal(t, uint32(0x11), c.FPSIMD.FPSR)
				assert.Equal(t, uint32(0x22), c.FPSIMD.FPCR)
				assert.Equal(t, [16]byte{}, c.FPSIMD.V[1])
			}},
		{name: "NT_ARM_TLS sets TPIDR_EL0",
			note: ptrace.NT_ARM_TLS,
			src:  le.AppendUint64(nil, 0xdead0000), wantN: 8,
			check: func(t *testing.T, c *Context) {
				assert.Equal(t, uint64(0xdead0000), c.TLS())
			}},
		{name: "NT_ARM_SYSTEM_CALL changes the syscall",
			note: ptrace.NT_ARM_SYSTEM_CALL,
			src:  le.AppendUint32(nil, 172), wantN: 4,
			check: func(t *testing.T, c *Context) {
				assert.Equal(t, 172, c.Regs.SyscallNr())
			}},
		{name: "NT_ARM_SYSTEM_CALL -1 skips the syscall",
			note: ptrace.NT_ARM_SYSTEM_CALL,
			src:  le.AppendUint32(nil, 0xffffffff), wantN: 4,
			check: func(t *testing.T, c *Context) {
				assert.Equal(t, NoSyscall, c.Regs.SyscallNr())
				assert.Equal(t, uint64(0x1008), c.Regs.X[8],
					"x8 keeps the number the task asked for")
			}},
		{name: "empty NT_ARM_SYSTEM_CALL write changes nothing",
			note: ptrace.NT_ARM_SYSTEM_CALL, src: []byte{}, wantN: 0,
			check: func(t *testing.T, c *Context) {
				assert.Equal(t, 64, c.Regs.SyscallNr())
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := markedContext()

			n, err := ptrace.SetRegset(RegsetView(), tt.note, c, tt.src)

			assert.Equal(t, abi.Errno(0), err)
			assert.Equal(t, tt.wantN, n, "used length")
			tt.check(t, c)
		})
	}
}

// BenchmarkRegsetGet is the NT_PRSTATUS copy of PTRACE_GETREGSET into a
// caller's buffer.
func BenchmarkRegsetGet(b *testing.B) {
	c := markedContext()
	buf := make([]byte, RegsSize)
	v := RegsetView()
	b.ReportAllocs()

	for b.Loop() {
		ptrace.GetRegset(v, ptrace.NT_PRSTATUS, c, buf)
	}
}

// BenchmarkRegsetSet is the NT_PRSTATUS copy and pstate check of
// PTRACE_SETREGSET from a caller's buffer.
func BenchmarkRegsetSet(b *testing.B) {
	c := markedContext()
	buf := make([]byte, RegsSize)
	v := RegsetView()
	ptrace.GetRegset(v, ptrace.NT_PRSTATUS, c, buf)
	b.ReportAllocs()

	for b.Loop() {
		if _, err := ptrace.SetRegset(v, ptrace.NT_PRSTATUS, c,
			buf); err != 0 {
			b.Fatal(err)
		}
	}
}
