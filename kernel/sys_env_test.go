package kernel

import (
	"bytes"
	"encoding/binary"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/ringside-kernel/ringside/arch/amd64"
	"github.com/ringside-kernel/ringside/arch/arm64"
	"github.com/ringside-kernel/ringside/entry"
	"github.com/ringside-kernel/ringside/kernel/abi"
	"github.com/ringside-kernel/ringside/kernel/mm"
)

// Test doubles for the syscall layer: frames in a slice, a page table
// that records mappings, a register context and a clock that advances
// only when a task sleeps.

const (
	envFrameBase = 0x40000000
	envFrames    = 512
	envUserEnd   = 0x7ffffffff000

	// The user memory every test task starts with.
	dataAddr = 0x400000 // 16 read-write pages
	dataLen  = 16 * abi.PageSize
	roAddr   = 0x500000 // one read-only page
	holeAddr = 0x600000 // nothing mapped
	edgeAddr = 0x700000 // one read-write page with a hole after it
	textAddr = 0x800000 // one read-exec page
)

type envMem struct {
	mem  []byte
	free []uint64
}

func (m *envMem) Frame(pa uint64) []byte {
	off := pa - envFrameBase
	return m.mem[off : off+abi.PageSize : off+abi.PageSize]
}

func (m *envMem) Alloc() (uint64, bool) {
	if len(m.free) == 0 {
		return 0, false
	}
	pa := m.free[len(m.free)-1]
	m.free = m.free[:len(m.free)-1]
	clear(m.Frame(pa))
	return pa, true
}

func (m *envMem) Free(pa uint64) { m.free = append(m.free, pa) }

type envPT struct{ ptes map[uint64]uint64 }

func (p *envPT) Map(va, pa uint64, write, exec bool) error {
	p.ptes[va] = pa
	return nil
}

func (p *envPT) Unmap(va uint64) (uint64, bool) {
	pa, ok := p.ptes[va]
	delete(p.ptes, va)
	return pa, ok
}

func (p *envPT) Root() uint64 { return 0x1000 }
func (p *envPT) Release()     {}

// envContext is a task's register file, thread pointer and FP state.
type envContext struct {
	regs entry.Regs
	tls  uint64
	fp   []byte
}

func (c *envContext) Regs() entry.Regs { return c.regs }
func (c *envContext) TLS() uint64      { return c.tls }
func (c *envContext) SetTLS(v uint64)  { c.tls = v }
func (c *envContext) FPState() []byte  { return c.fp }

// envClock starts at a fixed wall time and moves only in After; with
// stuck set, After never fires (a sleep only a signal can end).
type envClock struct {
	mu    sync.Mutex
	wall  time.Time
	mono  time.Duration
	slept []time.Duration
	stuck bool
}

func (c *envClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.wall.Add(c.mono)
}

func (c *envClock) Monotonic() time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.mono
}

// sleeps is how many timers were asked for.
func (c *envClock) sleeps() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.slept)
}

func (c *envClock) After(d time.Duration) <-chan time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.slept = append(c.slept, d)
	if c.stuck {
		return make(chan time.Time)
	}
	c.mono += d
	ch := make(chan time.Time, 1)
	ch <- c.wall.Add(c.mono)
	return ch
}

// sysEnv is one task on a kernel whose console is a buffer.
type sysEnv struct {
	t     *Task
	k     *Kernel
	out   *bytes.Buffer
	clock *envClock
}

func newEnv(tb testing.TB) *sysEnv { return newEnvArch(tb, AMD64{}) }

func newEnvArch(tb testing.TB, arch Arch) *sysEnv {
	tb.Helper()
	mem := &envMem{mem: make([]byte, envFrames*abi.PageSize)}
	for i := envFrames - 1; i >= 0; i-- {
		mem.free = append(mem.free, envFrameBase+uint64(i)*abi.PageSize)
	}
	as := mm.NewAddressSpace(&envPT{ptes: map[uint64]uint64{}}, mem, mem,
		mm.Layout{UserEnd: envUserEnd, MmapBase: 0x7f0000000000,
			Reserved: []mm.Range{{Start: 0, End: 0x10000}}})

	rw := mm.ProtRead | mm.ProtWrite
	require.NoError(tb, as.Map(dataAddr, dataLen, rw, "data"))
	require.NoError(tb, as.Map(roAddr, abi.PageSize, mm.ProtRead, "ro"))
	require.NoError(tb, as.Map(edgeAddr, abi.PageSize, rw, "edge"))
	require.NoError(tb, as.Map(textAddr, abi.PageSize,
		mm.ProtRead|mm.ProtExec, "text"))

	var regs entry.Regs
	var fp []byte
	if arch.Name() == "aarch64" {
		r := arm64.NewUserRegs(textAddr, dataAddr+dataLen)
		regs, fp = &r, make([]byte, arm64.FPSIMDSize)
	} else {
		r := amd64.NewUserRegs(textAddr, dataAddr+dataLen)
		regs, fp = &r, make([]byte, amd64.FXSize)
	}

	out := &bytes.Buffer{}
	clock := &envClock{wall: time.Unix(1700000000, 0)}
	k := &Kernel{Console: out, Clock: clock}
	t := &Task{Arch: arch, Ctx: &envContext{regs: regs, fp: fp}, MM: as,
		PID: 1, TID: 1, Name: "prog", ExecPath: "/bin/prog", k: k}
	t.Thread.Regs = regs
	t.Thread.Mem = as
	t.Thread.Kernel = t
	k.tasks = append(k.tasks, t)
	return &sysEnv{t: t, k: k, out: out, clock: clock}
}

// nr returns the task's architecture number of s.
func (e *sysEnv) nr(s abi.Sys) int {
	if e.t.Arch.Name() == "aarch64" {
		return arm64.Nr(s)
	}
	return amd64.Nr(s)
}

// call runs syscall s through Dispatch.
func (e *sysEnv) call(s abi.Sys, args ...uint64) int64 {
	var a [6]uint64
	copy(a[:], args)
	nr := e.nr(s)
	if nr < 0 {
		panic("no such syscall on " + e.t.Arch.Name())
	}
	e.t.Regs.SetSyscallArgs(a)
	return e.t.Dispatch(&e.t.Thread, nr)
}

// poke writes b at addr ignoring protection.
func (e *sysEnv) poke(tb testing.TB, addr uint64, b []byte) {
	tb.Helper()
	require.NoError(tb, e.t.MM.Poke(addr, b))
}

// str writes a NUL-terminated string at addr and returns addr.
func (e *sysEnv) str(tb testing.TB, addr uint64, s string) uint64 {
	e.poke(tb, addr, append([]byte(s), 0))
	return addr
}

// peek reads n bytes at addr.
func (e *sysEnv) peek(tb testing.TB, addr uint64, n int) []byte {
	tb.Helper()
	b := make([]byte, n)
	require.NoError(tb, e.t.MM.CopyIn(addr, b))
	return b
}

func (e *sysEnv) u32(tb testing.TB, addr uint64) uint32 {
	return binary.LittleEndian.Uint32(e.peek(tb, addr, 4))
}

func (e *sysEnv) u64(tb testing.TB, addr uint64) uint64 {
	return binary.LittleEndian.Uint64(e.peek(tb, addr, 8))
}

func (e *sysEnv) putU64(tb testing.TB, addr, v uint64) {
	e.poke(tb, addr, binary.LittleEndian.AppendUint64(nil, v))
}

func (e *sysEnv) putU32(tb testing.TB, addr uint64, v uint32) {
	e.poke(tb, addr, binary.LittleEndian.AppendUint32(nil, v))
}

// errno is the return value of a failing call with e.
func errno(e abi.Errno) int64 { return e.Ret() }
