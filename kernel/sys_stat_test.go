package kernel

import (
	"encoding/binary"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ringside-kernel/ringside/kernel/abi"
)

func TestFstatConsoleLayout(t *testing.T) {
	tests := []struct {
		arch                      Arch
		size                      int
		mode, rdev, blksize, ino  int
		nlink, nlinkSize, blkSize int
	}{
		// Offsets from arch/x86/include/uapi/asm/stat.h.
		{AMD64{}, 144, 24, 40, 56, 8, 16, 8, 8},
		// Offsets from include/uapi/asm-generic/stat.h.
		{ARM64{}, 128, 16, 32, 56, 8, 20, 4, 4},
	}
	for _, tt := range tests {
		t.Run(tt.arch.Name(), func(t *testing.T) {
			e := newEnvArch(t, tt.arch)
			e.poke(t, dataAddr, make([]byte, 256))
			for i := range 256 {
				e.poke(t, dataAddr+uint64(i), []byte{0xee})
			}

			require.Zero(t, e.call(abi.SysFstat, 1, dataAddr))

			b := e.peek(t, dataAddr, 256)
			le := binary.LittleEndian
			assert.Equal(t, uint32(0o20620), le.Uint32(b[tt.mode:]))
			assert.Equal(t, uint64(0x501), le.Uint64(b[tt.rdev:]),
				"makedev(5, 1)")
			assert.Equal(t, uint32(1024), le.Uint32(b[tt.blksize:]))
			assert.Equal(t, uint64(consoleIno), le.Uint64(b[tt.ino:]))
			assert.Equal(t, byte(1), b[tt.nlink])
			assert.Equal(t, byte(0xee), b[tt.size], "nothing past the end")
			assert.Equal(t, uint64(1700000000), le.Uint64(b[88:]),
				"mtime is the boot time")
		})
	}
}

func TestFstatErrors(t *testing.T) {
	e := newEnv(t)

	assert.Equal(t, errno(abi.EBADF), e.call(abi.SysFstat, 3, dataAddr))
	assert.Equal(t, errno(abi.EFAULT), e.call(abi.SysFstat, 1, roAddr))
}

func TestNewfstatat(t *testing.T) {
	atFDCWD := uint64(1<<32 - 100)
	tests := []struct {
		name  string
		dirfd uint64
		path  uint64
		flags uint64
		want  abi.Errno
	}{
		{"empty path with AT_EMPTY_PATH", 1, dataAddr + 512,
			abi.AT_EMPTY_PATH, 0},
		{"NULL path with AT_EMPTY_PATH", 2, 0, abi.AT_EMPTY_PATH, 0},
		{"empty path without the flag", 1, dataAddr + 512, 0, abi.ENOENT},
		{"a real path", 1, dataAddr + 520, abi.AT_EMPTY_PATH, abi.ENOENT},
		{"closed dirfd", 7, dataAddr + 512, abi.AT_EMPTY_PATH, abi.EBADF},
		{"cwd", atFDCWD, dataAddr + 512, abi.AT_EMPTY_PATH, abi.ENOENT},
		{"unknown flag", 1, dataAddr + 512, 0x2, abi.EINVAL},
		{"path in a hole", 1, holeAddr, abi.AT_EMPTY_PATH, abi.EFAULT},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			e.str(t, dataAddr+512, "")
			e.str(t, dataAddr+520, "/dev/tty")

			assert.Equal(t, errno(tt.want), e.call(abi.SysNewfstatat,
				tt.dirfd, tt.path, dataAddr, tt.flags))
			if tt.want == 0 {
				assert.Equal(t, uint64(0x501),
					binary.LittleEndian.Uint64(e.peek(t, dataAddr+40, 8)))
			}
		})
	}
}

func TestStatx(t *testing.T) {
	tests := []struct {
		name  string
		flags uint64
		mask  uint64
		want  abi.Errno
	}{
		{"basic", abi.AT_EMPTY_PATH, abi.STATX_BASIC_STATS, 0},
		{"both sync modes", abi.AT_EMPTY_PATH | abi.AT_STATX_SYNC_TYPE,
			0, abi.EINVAL},
		{"reserved mask bit", abi.AT_EMPTY_PATH, abi.STATX__RESERVED,
			abi.EINVAL},
		{"unknown flag", abi.AT_EMPTY_PATH | 1, 0, abi.EINVAL},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			e.str(t, dataAddr+512, "")

			r := e.call(abi.SysStatx, 1, dataAddr+512, tt.flags, tt.mask,
				dataAddr)

			assert.Equal(t, errno(tt.want), r)
			if tt.want != 0 {
				return
			}
			b := e.peek(t, dataAddr, abi.StatxSize)
			le := binary.LittleEndian
			assert.Equal(t, uint32(abi.STATX_BASIC_STATS), le.Uint32(b))
			assert.Equal(t, uint32(1024), le.Uint32(b[4:]))
			assert.Equal(t, uint16(0o20620), le.Uint16(b[28:]))
			assert.Equal(t, uint32(5), le.Uint32(b[128:]))
			assert.Equal(t, uint32(1), le.Uint32(b[132:]))
		})
	}
}
