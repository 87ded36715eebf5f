package amd64

import (
	"encoding/binary"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ringside-kernel/ringside/kernel/abi"
	"github.com/ringside-kernel/ringside/ptrace"
)

var le = binary.LittleEndian

// markedContext has word i of user_regs_struct set to 0x1000+i, except
// the words a write validates, which hold distinct valid user values.
func markedContext() *Context {
	c := NewContext(0x401000, 0x7ffff000)
	w := c.Regs.words()
	for i := range w {
		w[i] = 0x1000 + uint64(i)
	}
	c.Regs.CS, c.Regs.SS = UserCS, UserDS
	c.Regs.DS, c.Regs.ES, c.Regs.FS, c.Regs.GS = 0x13, 0x1b, 0x3b, 0x4b
	c.Regs.Flags = FlagIF | 0x2
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

	assert.Equal(t, "x86_64", v.Name)
	assert.Equal(t, "EM_X86_64", v.Machine.String())
	assert.Equal(t, 216, v.Find(ptrace.NT_PRSTATUS).Len())
	assert.Equal(t, 512, v.Find(ptrace.NT_PRFPREG).Len())
	assert.Nil(t, v.Find(ptrace.NT_X86_XSTATE), "FXSAVE state only")
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
		{name: "NT_PRSTATUS whole", note: ptrace.NT_PRSTATUS,
			bufLen: 216, wantN: 216,
			check: func(t *testing.T, b []byte) {
				assert.Equal(t, uint64(0x1000), le.Uint64(b[0:]), "r15")
				assert.Equal(t, uint64(0x100a), le.Uint64(b[80:]), "ax")
				assert.Equal(t, uint64(0x1010), le.Uint64(b[128:]), "ip")
				assert.Equal(t, uint64(UserCS), le.Uint64(b[136:]), "cs")
				assert.Equal(t, uint64(0x1015), le.Uint64(b[168:]),
					"fs_base")
			}},
		{name: "NT_PRSTATUS first two registers", note: ptrace.NT_PRSTATUS,
			bufLen: 16, wantN: 16,
			check: func(t *testing.T, b []byte) {
				assert.Equal(t, uint64(0x1000), le.Uint64(b[0:]))
				assert.Equal(t, uint64(0x1001), le.Uint64(b[8:]))
			}},
		{name: "NT_PRSTATUS oversized buffer is clamped",
			note: ptrace.NT_PRSTATUS, bufLen: 4096, wantN: 216},
		{name: "NT_PRFPREG holds the FXSAVE image",
			note: ptrace.NT_PRFPREG, bufLen: 512, wantN: 512,
			check: func(t *testing.T, b []byte) {
				assert.Equal(t, uint16(defaultFCW), le.Uint16(b[0:]))
				assert.Equal(t, uint32(defaultMXCSR),
					le.Uint32(b[mxcsrOffset:]))
			}},
		{name: "NT_X86_XSTATE is not offered",
			note: ptrace.NT_X86_XSTATE, bufLen: 512, wantErr: abi.EINVAL},
		{name: "an arm64 note is unknown",
			note: ptrace.NT_ARM_TLS, bufLen: 8, wantErr: abi.EINVAL},
		{name: "length not a multiple of 8 is EINVAL",
			note: ptrace.NT_PRSTATUS, bufLen: 12, wantErr: abi.EINVAL},
		{name: "NT_PRFPREG registers are 8 bytes",
			note: ptrace.NT_PRFPREG, bufLen: 4, wantErr: abi.EINVAL},
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
		name    string
		src     func(b []byte) []byte
		wantN   int
		wantErr abi.Errno
		check   func(t *testing.T, r *Regs)
	}{
		{name: "whole image round trips",
			src:   func(b []byte) []byte { return put(b, 10, 0xabc) },
			wantN: 216,
			check: func(t *testing.T, r *Regs) {
				assert.Equal(t, uint64(0xabc), r.AX)
			}},
		{name: "partial write changes only the leading registers",
			src: func(b []byte) []byte {
				return put(put(b, 0, 0x15), 10, 0xabc)[:16]
			},
			wantN: 16,
			check: func(t *testing.T, r *Regs) {
				assert.Equal(t, uint64(0x15), r.R15)
				assert.Equal(t, uint64(0x100a), r.AX)
			}},
		{name: "flags outside FLAG_MASK keep their value",
			src: func(b []byte) []byte {
				return put(b, regFlags, ^uint64(0))
			},
			wantN: 216,
			check: func(t *testing.T, r *Regs) {
				assert.Equal(t, uint64(userFlagsMask|FlagIF|0x2),
					r.Flags)
			}},
		{name: "flags cannot clear IF",
			src:   func(b []byte) []byte { return put(b, regFlags, 0) },
			wantN: 216,
			check: func(t *testing.T, r *Regs) {
				assert.Equal(t, uint64(FlagIF|0x2), r.Flags)
			}},
		{name: "selector is truncated to 16 bits",
			src: func(b []byte) []byte {
				return put(b, regDS, 0xffff0000|UserDS)
			},
			wantN: 216,
			check: func(t *testing.T, r *Regs) {
				assert.Equal(t, uint64(UserDS), r.DS)
			}},
		{name: "null data selector is accepted",
			src: func(b []byte) []byte {
				return put(put(b, regDS, UserDS), regDS, 0)
			},
			wantN: 216},
		{name: "kernel CS is EIO",
			src:     func(b []byte) []byte { return put(b, regCS, 0x08) },
			wantErr: abi.EIO},
		{name: "null CS is EIO",
			src:     func(b []byte) []byte { return put(b, regCS, 0) },
			wantErr: abi.EIO},
		{name: "null SS is EIO",
			src:     func(b []byte) []byte { return put(b, regSS, 0) },
			wantErr: abi.EIO},
		{name: "RPL 1 GS is EIO",
			src:     func(b []byte) []byte { return put(b, regGS, 0x29) },
			wantErr: abi.EIO},
		{name: "FS base at TASK_SIZE_MAX is EIO",
			src: func(b []byte) []byte {
				return put(b, regFSBase, taskSizeMax)
			},
			wantErr: abi.EIO},
		{name: "a refused word leaves the words before it written",
			src: func(b []byte) []byte {
				return put(put(put(b, 10, 0xabc), regCS, 0x10),
					regFlags, FlagDF)
			},
			wantErr: abi.EIO,
			check: func(t *testing.T, r *Regs) {
				assert.Equal(t, uint64(0xabc), r.AX)
				assert.Equal(t, uint64(UserCS), r.CS)
				assert.Equal(t, uint64(FlagIF|0x2), r.Flags)
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := markedContext()
			src := tt.src(image(t, c))

			n, err := ptrace.SetRegset(RegsetView(), ptrace.NT_PRSTATUS,
				c, src)

			assert.Equal(t, tt.wantErr, err)
			assert.Equal(t, tt.wantN, n, "used length")
			if tt.check != nil {
				tt.check(t, &c.Regs)
			}
			if err == 0 && n == RegsSize {
				assert.Equal(t, image(t, c), image(t, c),
					"reads back stably")
			}
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
	assert.Equal(t, from.Regs, to.Regs)
}

func TestRegsetSetPRFPReg(t *testing.T) {
	tests := []struct {
		name    string
		len     int
		mxcsr   uint32
		wantN   int
		wantErr abi.Errno
	}{
		{"whole image round trips", 512, 0x1f80, 512, 0},
		{"DAZ is accepted", 512, 0x1f80 | 0x40, 512, 0},
		{"reserved MXCSR bit is EINVAL", 512, 0x1f80 | 1<<16, 0,
			abi.EINVAL},
		{"partial image is EINVAL", 256, 0x1f80, 0, abi.EINVAL},
		{"empty image is EINVAL", 0, 0x1f80, 0, abi.EINVAL},
		{"oversized buffer is clamped to the image", 1024, 0x1f80, 512, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := NewContext(0, 0)
			before := append([]byte(nil), c.FX()...)
			src := make([]byte, tt.len)
			for i := range src {
				src[i] = byte(i)
			}
			if tt.len >= 28 {
				le.PutUint32(src[mxcsrOffset:], tt.mxcsr)
			}

			n, err := ptrace.SetRegset(RegsetView(), ptrace.NT_PRFPREG,
				c, src)

			assert.Equal(t, tt.wantErr, err)
			assert.Equal(t, tt.wantN, n, "used length")
			if err != 0 {
				assert.Equal(t, before, c.FX(), "nothing written")
				return
			}
			assert.Equal(t, src[:FXSize], c.FX())
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

// BenchmarkRegsetSet is the NT_PRSTATUS copy and validation of
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
