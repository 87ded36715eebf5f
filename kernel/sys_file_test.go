package kernel

import (
	"bytes"
	"encoding/binary"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ringside-kernel/ringside/kernel/abi"
)

func TestWrite(t *testing.T) {
	tests := []struct {
		name  string
		fd    uint64
		buf   uint64
		count uint64
		want  int64
		out   string
	}{
		{"stdout", 1, dataAddr, 5, 5, "hello"},
		{"stderr", 2, dataAddr, 2, 2, "he"},
		{"stdin is read-write", 0, dataAddr, 1, 1, "h"},
		{"zero bytes", 1, holeAddr, 0, 0, ""},
		{"closed fd", 5, dataAddr, 5, errno(abi.EBADF), ""},
		{"negative fd", 0xffffffff, dataAddr, 5, errno(abi.EBADF), ""},
		{"unreadable buffer", 1, holeAddr, 5, errno(abi.EFAULT), ""},
		{"fault part way", 1, edgeAddr + abi.PageSize - 3, 10, 3, "end"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			e.poke(t, dataAddr, []byte("hello"))
			e.poke(t, edgeAddr+abi.PageSize-3, []byte("end"))

			assert.Equal(t, tt.want,
				e.call(abi.SysWrite, tt.fd, tt.buf, tt.count))
			assert.Equal(t, tt.out, e.out.String())
		})
	}
}

func TestWriteLargeBufferInOrder(t *testing.T) {
	e := newEnv(t)
	data := make([]byte, dataLen-100)
	for i := range data {
		data[i] = byte(i * 7)
	}
	e.poke(t, dataAddr+100, data)

	n := e.call(abi.SysWrite, 1, dataAddr+100, uint64(len(data)))

	assert.Equal(t, int64(len(data)), n)
	assert.True(t, bytes.Equal(data, e.out.Bytes()))
}

// iov encodes struct iovec entries.
func iov(pairs ...uint64) []byte {
	var b []byte
	for _, v := range pairs {
		b = binary.LittleEndian.AppendUint64(b, v)
	}
	return b
}

func TestWritev(t *testing.T) {
	const vec = dataAddr + 0x1000
	tests := []struct {
		name string
		fd   uint64
		vec  []byte
		cnt  uint64
		want int64
		out  string
	}{
		{"two segments", 1, iov(dataAddr, 3, dataAddr+3, 2), 2, 5,
			"hello"},
		{"empty vector", 1, nil, 0, 0, ""},
		{"zero-length segment at a hole", 1,
			iov(holeAddr, 0, dataAddr, 2), 2, 2, "he"},
		{"fault in the second segment", 1,
			iov(dataAddr, 2, holeAddr, 3), 2, 2, "he"},
		{"fault in the first segment", 1, iov(holeAddr, 3), 1,
			errno(abi.EFAULT), ""},
		{"negative length", 1, iov(dataAddr, 1<<63), 1,
			errno(abi.EINVAL), ""},
		{"more than IOV_MAX", 1, nil, 1025, errno(abi.EINVAL), ""},
		{"closed fd", 9, iov(dataAddr, 3), 1, errno(abi.EBADF), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			e.poke(t, dataAddr, []byte("hello"))
			if tt.vec != nil {
				e.poke(t, vec, tt.vec)
			}

			assert.Equal(t, tt.want, e.call(abi.SysWritev, tt.fd, vec,
				tt.cnt))
			assert.Equal(t, tt.out, e.out.String())
		})
	}
}

func TestWritevUnreadableVector(t *testing.T) {
	e := newEnv(t)

	assert.Equal(t, errno(abi.EFAULT), e.call(abi.SysWritev, 1, holeAddr, 1))
}

func TestReadsSeeEndOfFile(t *testing.T) {
	e := newEnv(t)
	e.poke(t, dataAddr+0x100, iov(dataAddr, 16))

	assert.Zero(t, e.call(abi.SysRead, 0, dataAddr, 16))
	assert.Zero(t, e.call(abi.SysReadv, 0, dataAddr+0x100, 1))
	assert.Equal(t, errno(abi.EBADF), e.call(abi.SysRead, 3, dataAddr, 16))
	assert.Equal(t, errno(abi.EFAULT), e.call(abi.SysReadv, 0, holeAddr, 1))
}

func TestConsoleCannotSeek(t *testing.T) {
	tests := []struct {
		name string
		sys  abi.Sys
		args []uint64
		want abi.Errno
	}{
		{"pread", abi.SysPread64, []uint64{0, dataAddr, 4, 0}, abi.ESPIPE},
		{"pwrite", abi.SysPwrite64, []uint64{1, dataAddr, 4, 0},
			abi.ESPIPE},
		{"pread negative offset first", abi.SysPread64,
			[]uint64{9, dataAddr, 4, 1 << 63}, abi.EINVAL},
		{"pread closed fd", abi.SysPread64, []uint64{9, dataAddr, 4, 0},
			abi.EBADF},
		{"lseek", abi.SysLseek, []uint64{1, 0, 0}, abi.ESPIPE},
		{"lseek bad whence", abi.SysLseek, []uint64{1, 0, 5}, abi.EINVAL},
		{"lseek closed fd", abi.SysLseek, []uint64{9, 0, 0}, abi.EBADF},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)

			assert.Equal(t, errno(tt.want), e.call(tt.sys, tt.args...))
		})
	}
}

func TestIoctl(t *testing.T) {
	tests := []struct {
		name string
		fd   uint64
		cmd  uint64
		arg  uint64
		want abi.Errno
	}{
		{"TCGETS", 1, abi.TCGETS, dataAddr, 0},
		{"TIOCGWINSZ", 1, abi.TIOCGWINSZ, dataAddr, 0},
		{"TCGETS into read-only memory", 1, abi.TCGETS, roAddr,
			abi.EFAULT},
		{"unknown tty ioctl", 1, 0x540f, dataAddr, abi.ENOTTY},
		{"closed fd", 4, abi.TCGETS, dataAddr, abi.EBADF},
		{"FIOCLEX", 1, abi.FIOCLEX, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)

			assert.Equal(t, errno(tt.want),
				e.call(abi.SysIoctl, tt.fd, tt.cmd, tt.arg))
		})
	}
}

func TestIoctlContents(t *testing.T) {
	e := newEnv(t)

	require.Zero(t, e.call(abi.SysIoctl, 0, abi.TCGETS, dataAddr))
	tio := abi.DecodeTermios(e.peek(t, dataAddr, abi.TermiosSize))
	assert.Equal(t, uint32(0x500), tio.Iflag, "ICRNL|IXON")
	assert.Equal(t, uint32(0x5), tio.Oflag, "OPOST|ONLCR")
	assert.Equal(t, uint32(0x4bf), tio.Cflag, "B38400|CS8|CREAD|HUPCL")
	assert.Equal(t, uint32(0x8a3b), tio.Lflag, "cooked, echo")
	assert.Equal(t, uint8(3), tio.CC[0], "VINTR ^C")
	assert.Equal(t, uint8(1), tio.CC[6], "VMIN")

	require.Zero(t, e.call(abi.SysIoctl, 0, abi.TIOCGWINSZ, dataAddr+64))
	assert.Equal(t, []byte{24, 0, 80, 0, 0, 0, 0, 0},
		e.peek(t, dataAddr+64, 8))

	raw := tio
	raw.Lflag = 0
	e.poke(t, dataAddr+128, raw.Encode())
	require.Zero(t, e.call(abi.SysIoctl, 0, abi.TCSETS, dataAddr+128))
	require.Zero(t, e.call(abi.SysIoctl, 2, abi.TCGETS, dataAddr))
	assert.Zero(t, abi.DecodeTermios(e.peek(t, dataAddr, 36)).Lflag,
		"0, 1 and 2 share the console")
}

func TestCloseThenEBADF(t *testing.T) {
	e := newEnv(t)
	e.poke(t, dataAddr, []byte("x"))

	assert.Zero(t, e.call(abi.SysClose, 1))
	assert.Equal(t, errno(abi.EBADF), e.call(abi.SysClose, 1))
	assert.Equal(t, errno(abi.EBADF), e.call(abi.SysWrite, 1, dataAddr, 1))
	assert.Equal(t, errno(abi.EBADF),
		e.call(abi.SysIoctl, 1, abi.TCGETS, dataAddr))
	assert.Equal(t, errno(abi.EBADF), e.call(abi.SysFstat, 1, dataAddr))
	assert.Equal(t, int64(1), e.call(abi.SysWrite, 2, dataAddr, 1))
}

func TestDup(t *testing.T) {
	e := newEnv(t)
	e.poke(t, dataAddr, []byte("x"))

	require.Zero(t, e.call(abi.SysClose, 0))
	assert.Equal(t, int64(0), e.call(abi.SysDup, 2), "lowest free")
	assert.Equal(t, int64(3), e.call(abi.SysDup, 2))
	assert.Equal(t, errno(abi.EBADF), e.call(abi.SysDup, 9))

	assert.Equal(t, int64(10), e.call(abi.SysDup3, 1, 10, abi.O_CLOEXEC))
	assert.Equal(t, int64(abi.FD_CLOEXEC), e.call(abi.SysFcntl, 10,
		abi.F_GETFD))
	assert.Equal(t, int64(1), e.call(abi.SysWrite, 10, dataAddr, 1))

	assert.Equal(t, int64(1), e.call(abi.SysDup2, 1, 1))
	assert.Equal(t, errno(abi.EBADF), e.call(abi.SysDup2, 7, 7))
	assert.Equal(t, int64(7), e.call(abi.SysDup2, 1, 7))
	assert.Zero(t, e.call(abi.SysFcntl, 7, abi.F_GETFD))
}

func TestDup3Errors(t *testing.T) {
	tests := []struct {
		name           string
		old, new, flag uint64
		want           abi.Errno
	}{
		{"unknown flag", 1, 5, 1, abi.EINVAL},
		{"same descriptor", 1, 1, 0, abi.EINVAL},
		{"beyond RLIMIT_NOFILE", 1, 1024, 0, abi.EBADF},
		{"negative new fd", 1, 0xffffffff, 0, abi.EBADF},
		{"closed old fd", 8, 5, 0, abi.EBADF},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)

			assert.Equal(t, errno(tt.want),
				e.call(abi.SysDup3, tt.old, tt.new, tt.flag))
		})
	}
}

func TestFcntl(t *testing.T) {
	tests := []struct {
		name string
		cmd  uint64
		arg  uint64
		want int64
	}{
		{"status flags are O_RDWR", abi.F_GETFL, 0, abi.O_RDWR},
		{"no close-on-exec", abi.F_GETFD, 0, 0},
		{"set close-on-exec", abi.F_SETFD, abi.FD_CLOEXEC, 0},
		{"set status flags", abi.F_SETFL, abi.O_NONBLOCK, 0},
		{"dupfd from 5", abi.F_DUPFD, 5, 5},
		{"dupfd past the limit", abi.F_DUPFD, 1024, errno(abi.EINVAL)},
		{"dupfd_cloexec", abi.F_DUPFD_CLOEXEC, 0, 3},
		{"unknown command", 1024, 0, errno(abi.EINVAL)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)

			assert.Equal(t, tt.want,
				e.call(abi.SysFcntl, 1, tt.cmd, tt.arg))
		})
	}
}

func TestFcntlSetflKeepsAccessMode(t *testing.T) {
	e := newEnv(t)

	e.call(abi.SysFcntl, 1, abi.F_SETFL, abi.O_NONBLOCK|abi.O_WRONLY)

	assert.Equal(t, int64(abi.O_RDWR|abi.O_NONBLOCK),
		e.call(abi.SysFcntl, 2, abi.F_GETFL))
	assert.Equal(t, errno(abi.EBADF), e.call(abi.SysFcntl, 9, abi.F_GETFL))
}

func TestPathLookupsFail(t *testing.T) {
	atFDCWD := uint64(1<<32 - 100)
	tests := []struct {
		name string
		sys  abi.Sys
		args []uint64
		want abi.Errno
	}{
		{"open", abi.SysOpen, []uint64{dataAddr, 0, 0}, abi.ENOENT},
		{"openat", abi.SysOpenat, []uint64{atFDCWD, dataAddr, 0, 0},
			abi.ENOENT},
		{"open from a hole", abi.SysOpen, []uint64{holeAddr, 0, 0},
			abi.EFAULT},
		{"access", abi.SysAccess, []uint64{dataAddr, abi.R_OK},
			abi.ENOENT},
		{"access bad mode", abi.SysAccess, []uint64{dataAddr, 8},
			abi.EINVAL},
		{"faccessat", abi.SysFaccessat, []uint64{atFDCWD, dataAddr, 0},
			abi.ENOENT},
		{"faccessat2 bad flag", abi.SysFaccessat2,
			[]uint64{atFDCWD, dataAddr, 0, 1}, abi.EINVAL},
		{"stat", abi.SysStat, []uint64{dataAddr, dataAddr + 512},
			abi.ENOENT},
		{"lstat from a hole", abi.SysLstat, []uint64{holeAddr, dataAddr},
			abi.EFAULT},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			e.str(t, dataAddr, "/etc/passwd")

			assert.Equal(t, errno(tt.want), e.call(tt.sys, tt.args...))
		})
	}
}

// pollfd encodes one struct pollfd.
func pollfd(fd int32, events uint16) []byte {
	b := binary.LittleEndian.AppendUint32(nil, uint32(fd))
	b = binary.LittleEndian.AppendUint16(b, events)
	return append(b, 0xff, 0xff)
}

func TestPoll(t *testing.T) {
	e := newEnv(t)
	var fds []byte
	fds = append(fds, pollfd(0, abi.POLLIN)...)
	fds = append(fds, pollfd(1, abi.POLLOUT|abi.POLLPRI)...)
	fds = append(fds, pollfd(-1, abi.POLLIN)...)
	fds = append(fds, pollfd(9, abi.POLLIN)...)
	e.poke(t, dataAddr, fds)

	assert.Equal(t, int64(3), e.call(abi.SysPoll, dataAddr, 4, 1000))

	revents := func(i int) uint16 {
		return binary.LittleEndian.Uint16(e.peek(t, dataAddr+uint64(8*i)+6,
			2))
	}
	assert.Equal(t, uint16(abi.POLLIN), revents(0))
	assert.Equal(t, uint16(abi.POLLOUT), revents(1))
	assert.Zero(t, revents(2))
	assert.Equal(t, uint16(abi.POLLNVAL), revents(3))
	assert.Empty(t, e.clock.slept, "ready at once")
}

func TestPollTimesOutWhenNothingIsAsked(t *testing.T) {
	e := newEnv(t)
	e.poke(t, dataAddr, pollfd(1, 0))

	assert.Zero(t, e.call(abi.SysPoll, dataAddr, 1, 250))
	assert.Equal(t, []time.Duration{250 * time.Millisecond}, e.clock.slept)
}

func TestPollErrors(t *testing.T) {
	e := newEnv(t)

	assert.Equal(t, errno(abi.EINVAL), e.call(abi.SysPoll, dataAddr, 2000, 0))
	assert.Equal(t, errno(abi.EFAULT), e.call(abi.SysPoll, holeAddr, 1, 0))
	assert.Equal(t, errno(abi.EINVAL), e.call(abi.SysPpoll, dataAddr, 1,
		0, dataAddr+64, 4))
}

func TestGetcwdIsTheRoot(t *testing.T) {
	e := newEnv(t)

	assert.Equal(t, int64(2), e.call(abi.SysGetcwd, dataAddr, 64))
	assert.Equal(t, []byte("/\x00"), e.peek(t, dataAddr, 2))
	assert.Equal(t, errno(abi.ERANGE), e.call(abi.SysGetcwd, dataAddr, 1))
	assert.Equal(t, errno(abi.EFAULT), e.call(abi.SysGetcwd, roAddr, 64))
}
