package ptrace

import (
	"encoding/binary"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestGetSyscallInfoLayout(t *testing.T) {
	le := binary.LittleEndian
	regs := &fakeRegs{
		nr: 1, args: [6]uint64{10, 11, 12, 13, 14, 15}, ret: -14,
		ip: 0x401234, sp: 0x7ffc0000,
	}
	header := func(t *testing.T, b []byte, op Op) {
		assert.Equal(t, byte(op), b[0], "op at 0")
		assert.Equal(t, byte(0), b[1], "reserved at 1")
		assert.Equal(t, uint16(0), le.Uint16(b[2:]), "flags at 2")
		assert.Equal(t, AUDIT_ARCH_X86_64, le.Uint32(b[4:]), "arch at 4")
		assert.Equal(t, uint64(0x401234), le.Uint64(b[8:]), "ip at 8")
		assert.Equal(t, uint64(0x7ffc0000), le.Uint64(b[16:]), "sp at 16")
	}
	tests := []struct {
		name     string
		op       Op
		wantSize int
		check    func(t *testing.T, b []byte)
	}{
		{name: "no stop returns the 24-byte header",
			op: PTRACE_SYSCALL_INFO_NONE, wantSize: 24,
			check: func(t *testing.T, b []byte) {}},
		{name: "entry stop has nr at 24 and args at 32..80",
			op: PTRACE_SYSCALL_INFO_ENTRY, wantSize: 80,
			check: func(t *testing.T, b []byte) {
				assert.Equal(t, uint64(1), le.Uint64(b[24:]))
				for i := 0; i < 6; i++ {
					assert.Equal(t, uint64(10+i),
						le.Uint64(b[32+8*i:]))
				}
			}},
		{name: "exit stop has rval at 24 and is_error at 32",
			op: PTRACE_SYSCALL_INFO_EXIT, wantSize: 33,
			check: func(t *testing.T, b []byte) {
				assert.Equal(t, int64(-14), int64(le.Uint64(b[24:])))
				assert.Equal(t, byte(1), b[32])
			}},
		{name: "seccomp stop has nr, args and ret_data at 80",
			op: PTRACE_SYSCALL_INFO_SECCOMP, wantSize: 84,
			check: func(t *testing.T, b []byte) {
				assert.Equal(t, uint64(1), le.Uint64(b[24:]))
				assert.Equal(t, uint64(15), le.Uint64(b[72:]))
				assert.Equal(t, uint32(0), le.Uint32(b[80:]))
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := &State{Arch: AUDIT_ARCH_X86_64, stop: tt.op}
			buf := make([]byte, SyscallInfoSize)
			for i := range buf {
				buf[i] = 0xee
			}

			n := GetSyscallInfo(st, regs, buf)

			assert.Equal(t, tt.wantSize, n)
			header(t, buf, tt.op)
			tt.check(t, buf)
			for i := n; i < len(buf); i++ {
				assert.Equal(t, byte(0xee), buf[i],
					"byte %d past the record untouched", i)
			}
		})
	}
}

func TestGetSyscallInfoShortBuffer(t *testing.T) {
	st := &State{Arch: AUDIT_ARCH_AARCH64, stop: PTRACE_SYSCALL_INFO_ENTRY}
	buf := make([]byte, 8)

	n := GetSyscallInfo(st, &fakeRegs{ip: 1}, buf)

	assert.Equal(t, SyscallInfoSizeEntry, n, "full size even when cut")
	assert.Equal(t, []byte{1, 0, 0, 0, 0xb7, 0, 0, 0xc0}, buf)
}

func TestSyscallInfoIsError(t *testing.T) {
	tests := []struct {
		name string
		rval int64
		want bool
	}{
		{"zero is success", 0, false},
		{"positive is success", 4096, false},
		{"-1 is an error", -1, true},
		{"-4095 is an error", -4095, true},
		{"-4096 is a value, not an error", -4096, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := &State{stop: PTRACE_SYSCALL_INFO_EXIT}
			info := st.SyscallInfo(&fakeRegs{ret: tt.rval})
			assert.Equal(t, tt.want, info.IsError)
		})
	}
}
