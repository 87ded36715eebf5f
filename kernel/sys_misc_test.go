package kernel

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ringside-kernel/ringside/kernel/abi"
)

func rlim(cur, max uint64) []byte { return rlimit{cur, max}.encode() }

func TestPrlimitDefaults(t *testing.T) {
	inf := abi.RLIM_INFINITY
	tests := []struct {
		res      uint64
		cur, max uint64
	}{
		{abi.RLIMIT_STACK, 8 << 20, inf},
		{abi.RLIMIT_NOFILE, 1024, 4096},
		{abi.RLIMIT_CORE, 0, inf},
		{abi.RLIMIT_AS, inf, inf},
		{abi.RLIMIT_RTPRIO, 0, 0},
	}
	for _, tt := range tests {
		e := newEnv(t)

		require.Zero(t, e.call(abi.SysPrlimit64, 0, tt.res, 0, dataAddr))
		require.Zero(t, e.call(abi.SysGetrlimit, tt.res, dataAddr+16))

		assert.Equal(t, rlim(tt.cur, tt.max), e.peek(t, dataAddr, 16))
		assert.Equal(t, rlim(tt.cur, tt.max), e.peek(t, dataAddr+16, 16))
	}
}

func TestPrlimitSet(t *testing.T) {
	tests := []struct {
		name string
		pid  uint64
		res  uint64
		new  []byte
		newp uint64
		want abi.Errno
	}{
		{"lower the stack", 0, abi.RLIMIT_STACK, rlim(1<<20, 2<<20),
			dataAddr, 0},
		{"own pid", 1, abi.RLIMIT_STACK, rlim(1<<20, 2<<20), dataAddr, 0},
		{"root raises a hard limit", 0, abi.RLIMIT_NOFILE,
			rlim(8192, 65536), dataAddr, 0},
		{"soft above hard", 0, abi.RLIMIT_STACK, rlim(3, 2), dataAddr,
			abi.EINVAL},
		{"nofile above nr_open", 0, abi.RLIMIT_NOFILE,
			rlim(1, abi.NR_OPEN+1), dataAddr, abi.EPERM},
		{"resource out of range", 0, 16, rlim(1, 1), dataAddr, abi.EINVAL},
		{"other pid", 9, abi.RLIMIT_STACK, rlim(1, 1), dataAddr, abi.ESRCH},
		{"unreadable new limit", 0, abi.RLIMIT_STACK, rlim(1, 1),
			holeAddr, abi.EFAULT},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			e.poke(t, dataAddr, tt.new)
			before := e.t.limits.get(int(min(tt.res, 15)))

			r := e.call(abi.SysPrlimit64, tt.pid, tt.res, tt.newp,
				dataAddr+64)

			assert.Equal(t, errno(tt.want), r)
			if tt.want != 0 {
				return
			}
			assert.Equal(t, tt.new, e.t.limits.get(int(tt.res)).encode())
			assert.Equal(t, before.encode(), e.peek(t, dataAddr+64, 16),
				"old limit written")
		})
	}
}

func TestReadlink(t *testing.T) {
	tests := []struct {
		name string
		path string
		size uint64
		want int64
		got  string
	}{
		{"self exe", "/proc/self/exe", 64, 9, "/bin/prog"},
		{"own pid exe", "/proc/1/exe", 64, 9, "/bin/prog"},
		{"truncated", "/proc/self/exe", 4, 4, "/bin"},
		{"other link", "/proc/self/cwd", 64, errno(abi.ENOENT), ""},
		{"empty path", "", 64, errno(abi.ENOENT), ""},
		{"zero size", "/proc/self/exe", 0, errno(abi.EINVAL), ""},
		{"negative size", "/proc/self/exe", 0xffffffff,
			errno(abi.EINVAL), ""},
	}
	for _, tt := range tests {
		for _, at := range []bool{false, true} {
			e := newEnv(t)
			e.str(t, dataAddr, tt.path)
			e.poke(t, dataAddr+256, bytes.Repeat([]byte{'x'}, 16))

			var r int64
			if at {
				r = e.call(abi.SysReadlinkat, uint64(1<<32-100),
					dataAddr, dataAddr+256, tt.size)
			} else {
				r = e.call(abi.SysReadlink, dataAddr, dataAddr+256,
					tt.size)
			}

			assert.Equal(t, tt.want, r, "%s (at %v)", tt.name, at)
			if r > 0 {
				got := e.peek(t, dataAddr+256, int(r)+1)
				assert.Equal(t, tt.got+"x", string(got),
					"%s: no NUL written", tt.name)
			}
		}
	}
}

func TestReadlinkFaults(t *testing.T) {
	e := newEnv(t)
	e.str(t, dataAddr, "/proc/self/exe")
	e.poke(t, edgeAddr+abi.PageSize-3, []byte("/pr"))

	assert.Equal(t, errno(abi.EFAULT),
		e.call(abi.SysReadlink, holeAddr, dataAddr+256, 64))
	assert.Equal(t, errno(abi.EFAULT),
		e.call(abi.SysReadlink, dataAddr, roAddr, 64))
	assert.Equal(t, errno(abi.EFAULT),
		e.call(abi.SysReadlink, edgeAddr+abi.PageSize-3, dataAddr, 64),
		"path running into a hole")
}

func TestReadlinkPathTooLong(t *testing.T) {
	e := newEnv(t)
	e.poke(t, dataAddr, bytes.Repeat([]byte{'a'}, 5000))

	assert.Equal(t, errno(abi.ENAMETOOLONG),
		e.call(abi.SysReadlink, dataAddr, dataAddr+8192, 64))
}

func TestGetrandom(t *testing.T) {
	tests := []struct {
		name  string
		buf   uint64
		count uint64
		flags uint64
		want  int64
	}{
		{"plain", dataAddr, 64, 0, 64},
		{"all known flags but one pair", dataAddr, 16,
			abi.GRND_NONBLOCK | abi.GRND_RANDOM, 16},
		{"insecure", dataAddr, 16, abi.GRND_INSECURE, 16},
		{"insecure with random", dataAddr, 16,
			abi.GRND_INSECURE | abi.GRND_RANDOM, errno(abi.EINVAL)},
		{"unknown flag", dataAddr, 16, 8, errno(abi.EINVAL)},
		{"zero bytes", holeAddr, 0, 0, 0},
		{"unwritable buffer", roAddr, 16, 0, errno(abi.EFAULT)},
		{"partial before a hole", edgeAddr + abi.PageSize - 10, 100, 0, 10},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)

			assert.Equal(t, tt.want,
				e.call(abi.SysGetrandom, tt.buf, tt.count, tt.flags))
		})
	}
}

func TestGetrandomFillsTheBuffer(t *testing.T) {
	e := newEnv(t)

	require.Equal(t, int64(256), e.call(abi.SysGetrandom, dataAddr, 256, 0))

	assert.NotEqual(t, make([]byte, 256), e.peek(t, dataAddr, 256))
}
