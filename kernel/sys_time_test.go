package kernel

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ringside-kernel/ringside/kernel/abi"
)

// timespec encodes a struct timespec.
func timespec(sec, nsec int64) []byte {
	b := make([]byte, 16)
	abi.Timespec{Sec: sec, Nsec: nsec}.Encode(b)
	return b
}

func TestClockGettime(t *testing.T) {
	const wall = 1700000000
	tests := []struct {
		name    string
		id      uint64
		sec     int64
		wantErr abi.Errno
		resNsec int64
	}{
		{"realtime", abi.CLOCK_REALTIME, wall + 5, 0, 1},
		{"monotonic", abi.CLOCK_MONOTONIC, 5, 0, 1},
		{"process cputime", abi.CLOCK_PROCESS_CPUTIME_ID, 5, 0, 1},
		{"thread cputime", abi.CLOCK_THREAD_CPUTIME_ID, 5, 0, 1},
		{"monotonic raw", abi.CLOCK_MONOTONIC_RAW, 5, 0, 1},
		{"realtime coarse", abi.CLOCK_REALTIME_COARSE, wall + 5, 0,
			4000000},
		{"monotonic coarse", abi.CLOCK_MONOTONIC_COARSE, 5, 0, 4000000},
		{"boottime", abi.CLOCK_BOOTTIME, 5, 0, 1},
		{"tai", abi.CLOCK_TAI, wall + 5, 0, 1},
		{"alarm clocks need an RTC", abi.CLOCK_REALTIME_ALARM, 0,
			abi.EINVAL, 0},
		{"removed id 10", 10, 0, abi.EINVAL, 0},
		{"per-process CPU clock id", 0xfffffffe, 0, abi.EINVAL, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			e.clock.mono = 5*time.Second + 250

			r := e.call(abi.SysClockGettime, tt.id, dataAddr)
			g := e.call(abi.SysClockGetres, tt.id, dataAddr+16)

			assert.Equal(t, errno(tt.wantErr), r)
			assert.Equal(t, errno(tt.wantErr), g)
			if tt.wantErr != 0 {
				return
			}
			assert.Equal(t, timespec(tt.sec, 250), e.peek(t, dataAddr, 16))
			assert.Equal(t, timespec(0, tt.resNsec),
				e.peek(t, dataAddr+16, 16))
		})
	}
}

func TestClockFaults(t *testing.T) {
	e := newEnv(t)

	assert.Equal(t, errno(abi.EFAULT), e.call(abi.SysClockGettime, 0, roAddr))
	assert.Zero(t, e.call(abi.SysClockGetres, 0, 0), "NULL res is fine")
	assert.Equal(t, errno(abi.EFAULT), e.call(abi.SysGettimeofday, roAddr, 0))
}

func TestGettimeofday(t *testing.T) {
	e := newEnv(t)
	e.clock.mono = 2*time.Second + 1500*time.Microsecond
	e.poke(t, dataAddr+16, []byte{1, 2, 3, 4, 5, 6, 7, 8})

	require.Zero(t, e.call(abi.SysGettimeofday, dataAddr, dataAddr+16))

	assert.Equal(t, timespec(1700000002, 1500), e.peek(t, dataAddr, 16))
	assert.Equal(t, make([]byte, 8), e.peek(t, dataAddr+16, 8), "UTC")
	assert.Zero(t, e.call(abi.SysGettimeofday, 0, 0))
}

func TestNanosleep(t *testing.T) {
	tests := []struct {
		name  string
		req   []byte
		want  abi.Errno
		slept []time.Duration
	}{
		{"sleeps", timespec(1, 500), 0,
			[]time.Duration{time.Second + 500}},
		{"zero", timespec(0, 0), 0, []time.Duration{0}},
		{"nanoseconds out of range", timespec(0, 1e9), abi.EINVAL, nil},
		{"negative seconds", timespec(-1, 0), abi.EINVAL, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			e.poke(t, dataAddr, tt.req)
			e.poke(t, dataAddr+16, timespec(7, 7))

			assert.Equal(t, errno(tt.want),
				e.call(abi.SysNanosleep, dataAddr, dataAddr+16))
			assert.Equal(t, tt.slept, e.clock.slept)
			assert.Equal(t, timespec(7, 7), e.peek(t, dataAddr+16, 16),
				"rem untouched")
		})
	}
}

func TestNanosleepFault(t *testing.T) {
	e := newEnv(t)

	assert.Equal(t, errno(abi.EFAULT), e.call(abi.SysNanosleep, holeAddr, 0))
}

func TestSignalInterruptsSleep(t *testing.T) {
	e := newEnv(t)
	e.clock.stuck = true
	e.poke(t, dataAddr, timespec(100, 0))

	go func() {
		for e.clock.sleeps() == 0 {
			time.Sleep(time.Millisecond)
		}
		e.t.sendSignal(abi.SIGTERM, sigInfo{})
	}()
	r := e.call(abi.SysNanosleep, dataAddr, dataAddr+16)

	assert.Equal(t, errno(abi.ERESTART_RESTARTBLOCK), r,
		"-EINTR or a restart once the signal is acted on")
	assert.Equal(t, timespec(100, 0), e.peek(t, dataAddr+16, 16),
		"no time passed on the stuck clock")
}

func TestPendingSignalMakesSleepReturnAtOnce(t *testing.T) {
	e := newEnv(t)
	e.clock.stuck = true
	e.t.sendSignal(abi.SIGTERM, sigInfo{})
	e.poke(t, dataAddr, timespec(1, 0))

	assert.Equal(t, errno(abi.ERESTART_RESTARTBLOCK),
		e.call(abi.SysNanosleep, dataAddr, 0))
}

func TestClockNanosleep(t *testing.T) {
	tests := []struct {
		name  string
		id    uint64
		flags uint64
		req   []byte
		want  abi.Errno
		slept []time.Duration
	}{
		{"relative monotonic", abi.CLOCK_MONOTONIC, 0, timespec(2, 0), 0,
			[]time.Duration{2 * time.Second}},
		{"absolute monotonic", abi.CLOCK_MONOTONIC, abi.TIMER_ABSTIME,
			timespec(12, 0), 0, []time.Duration{2 * time.Second}},
		{"absolute deadline passed", abi.CLOCK_MONOTONIC,
			abi.TIMER_ABSTIME, timespec(3, 0), 0, nil},
		{"absolute realtime", abi.CLOCK_REALTIME, abi.TIMER_ABSTIME,
			timespec(1700000011, 0), 0, []time.Duration{time.Second}},
		{"unknown flags ignored", abi.CLOCK_BOOTTIME, 6, timespec(1, 0),
			0, []time.Duration{time.Second}},
		{"thread cpu clock", abi.CLOCK_THREAD_CPUTIME_ID, 0,
			timespec(1, 0), abi.EINVAL, nil},
		{"clock that cannot sleep", abi.CLOCK_MONOTONIC_RAW, 0,
			timespec(1, 0), abi.ENOTSUP, nil},
		{"bad id", 99, 0, timespec(1, 0), abi.EINVAL, nil},
		{"bad request", abi.CLOCK_MONOTONIC, 0, timespec(0, -1),
			abi.EINVAL, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			e.clock.mono = 10 * time.Second
			e.poke(t, dataAddr, tt.req)

			assert.Equal(t, errno(tt.want), e.call(abi.SysClockNanosleep,
				tt.id, tt.flags, dataAddr, 0))
			assert.Equal(t, tt.slept, e.clock.slept)
		})
	}
}

func TestSchedCalls(t *testing.T) {
	tests := []struct {
		name string
		args []uint64
		want int64
	}{
		{"one long", []uint64{0, 8, dataAddr}, 8},
		{"larger buffer", []uint64{0, 128, dataAddr}, 8},
		{"own pid", []uint64{1, 8, dataAddr}, 8},
		{"too short", []uint64{0, 4, dataAddr}, errno(abi.EINVAL)},
		{"not a multiple of 8", []uint64{0, 12, dataAddr},
			errno(abi.EINVAL)},
		{"other pid", []uint64{5, 8, dataAddr}, errno(abi.ESRCH)},
		{"unwritable", []uint64{0, 8, roAddr}, errno(abi.EFAULT)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)

			assert.Equal(t, tt.want,
				e.call(abi.SysSchedGetaffinity, tt.args...))
			if tt.want == 8 {
				assert.Equal(t, uint64(1), e.u64(t, dataAddr))
			}
		})
	}

	e := newEnv(t)
	assert.Zero(t, e.call(abi.SysSchedYield))
}

func TestFutex(t *testing.T) {
	const word = dataAddr + 0x100
	wait, wake := uint64(abi.FUTEX_WAIT), uint64(abi.FUTEX_WAKE)
	priv := uint64(abi.FUTEX_PRIVATE_FLAG)
	rt := uint64(abi.FUTEX_CLOCK_REALTIME)
	tests := []struct {
		name  string
		args  []uint64
		want  abi.Errno
		slept []time.Duration
	}{
		{"wake wakes nobody", []uint64{word, wake | priv, 1}, 0, nil},
		{"wake misaligned", []uint64{word + 1, wake, 1}, abi.EINVAL, nil},
		{"wait on a changed value", []uint64{word, wait | priv, 6, 0},
			abi.EAGAIN, nil},
		{"wait with timeout", []uint64{word, wait, 5, dataAddr}, abi.ETIMEDOUT,
			[]time.Duration{time.Second}},
		{"wait bitset absolute", []uint64{word, abi.FUTEX_WAIT_BITSET, 5,
			dataAddr + 16, 0, 0xffffffff}, abi.ETIMEDOUT,
			[]time.Duration{time.Second}},
		{"wait bitset zero", []uint64{word, abi.FUTEX_WAIT_BITSET, 5,
			0, 0, 0}, abi.EINVAL, nil},
		{"wait unreadable word", []uint64{holeAddr, wait, 5, 0},
			abi.EFAULT, nil},
		{"wait bad timeout", []uint64{word, wait, 5, dataAddr + 32},
			abi.EINVAL, nil},
		{"realtime clock on plain wait", []uint64{word, wait | rt, 5, 0},
			abi.ENOSYS, nil},
		{"requeue", []uint64{word, 3, 1, 0, word + 4, 0}, abi.ENOSYS,
			nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			e.clock.mono = 10 * time.Second
			e.putU32(t, word, 5)
			e.poke(t, dataAddr, timespec(1, 0))
			e.poke(t, dataAddr+16, timespec(11, 0))
			e.poke(t, dataAddr+32, timespec(0, 2e9))

			assert.Equal(t, errno(tt.want), e.call(abi.SysFutex,
				tt.args...))
			assert.Equal(t, tt.slept, e.clock.slept)
		})
	}
}

func TestTimeReturnsAndStoresTheSeconds(t *testing.T) {
	e := newEnv(t)

	assert.Equal(t, int64(1700000000), e.call(abi.SysTime, 0))
	assert.Equal(t, int64(1700000000), e.call(abi.SysTime, dataAddr))
	assert.Equal(t, uint64(1700000000), e.u64(t, dataAddr))
	assert.Equal(t, errno(abi.EFAULT), e.call(abi.SysTime, roAddr))
}
