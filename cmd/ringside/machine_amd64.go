//go:build tamago && amd64

package main

import (
	"time"
	"unsafe"

	"github.com/ringside-kernel/ringside/arch/amd64"
	"github.com/ringside-kernel/ringside/arch/fastpath"
	"github.com/ringside-kernel/ringside/entry"
	"github.com/ringside-kernel/ringside/kernel"
	"github.com/ringside-kernel/ringside/kernel/mm"
)

// Physical memory of the amd64 boards: tamago's RAM (the Go heap and the
// kernel image) is 0x10000000 + 256 MiB; user frames come from the next
// 512 MiB, identity-mapped by tamago's boot tables, so QEMU needs -m 1G.
const (
	framePoolStart = 0x20000000
	framePoolEnd   = 0x40000000
)

// machine is kernel.Machine on an amd64 CPU in ring 0.
type machine struct {
	frames   *mm.FramePool
	template amd64.KernelTemplate
	// cur is the address space in CR3, nil for tamago's boot tables at
	// boot.
	cur  *pageTable
	boot uint64
}

func newMachine() *machine {
	amd64.Init()

	m := &machine{boot: amd64.ReadCR3()}
	m.frames = mm.NewFramePool(identity{}, framePoolStart, framePoolEnd)

	m.template = amd64.BootKernelTemplate(identity{}.Frame)
	hz := amd64.StartTick(kernel.TickPeriod)
	print("ringside: tick every ", kernel.TickPeriod.String(),
		" (local APIC timer at ", hz/1000000, " MHz)\n")

	return m
}

// identity is mm.Phys over tamago's identity map.
type identity struct{}

func (identity) Frame(pa uint64) []byte {
	return unsafe.Slice((*byte)(unsafe.Pointer(uintptr(pa))), 4096)
}

func (m *machine) Frames() mm.Frames { return m.frames }
func (m *machine) Phys() mm.Phys     { return identity{} }
func (m *machine) CPU() uint32       { return 0 }

// Layout implements kernel.Machine: Linux's TASK_SIZE and a top-down mmap
// base below the stack's 8 MiB plus a gap, as Linux places mmap_base; the
// kernel keeps the first 2 MiB and 256 MiB-6 GiB (its RAM, the frame pool
// and the device windows of tamago's identity map).
func (m *machine) Layout() mm.Layout {
	return mm.Layout{
		UserEnd:  0x7ffffffff000,
		MmapBase: 0x7ffff7fff000,
		Reserved: []mm.Range{
			{Start: 0, End: 2 << 20},
			{Start: 256 << 20, End: 6 << 30},
		},
	}
}

// ArmSliceTimer implements kernel.Machine on the local APIC timer: the
// tick's timer counts d, then the rest of the tick's period.
func (m *machine) ArmSliceTimer(d time.Duration) { amd64.ArmSliceTimer(d) }

// CancelSliceTimer implements kernel.Machine.
func (m *machine) CancelSliceTimer() { amd64.CancelSliceTimer() }

// context adapts *amd64.Context to kernel.Context.
type context struct{ *amd64.Context }

func (c context) Regs() entry.Regs { return &c.Context.Regs }

// VDSOClock implements the kernel's vdsoMachine: the board's counter.
func (m *machine) VDSOClock() (uint64, uint64) { return boardVDSOClock() }

// SetFastSyscalls implements the kernel's fastContext: the task's view
// for amd64's fast syscall path.
func (c context) SetFastSyscalls(p fastpath.Path) {
	c.Context.SetFastPath(amd64.FastPath(p))
}

// FPState is the FXSAVE image the entry code saves and restores.
func (c context) FPState() []byte { return c.Context.FX() }

func (m *machine) NewContext(entry, sp uint64) kernel.Context {
	return context{amd64.NewContext(entry, sp)}
}

// pageTable switches CR3 back to the boot tables before it frees a table
// the CPU may still be using.
type pageTable struct {
	*amd64.PageTable
	m *machine
}

func (p *pageTable) Release() {
	if p.m.cur == p {
		amd64.LoadCR3(p.m.boot)
		p.m.cur = nil
	}
	p.PageTable.Release()
}

func (m *machine) NewPageTable() (mm.PageTable, error) {
	f := identity{}
	pt, err := amd64.NewPageTable(m.frames.Alloc, m.frames.Free, f.Frame,
		m.template)
	if err != nil {
		return nil, err
	}
	pt.Invalidate = amd64.Invlpg
	return &pageTable{pt, m}, nil
}

// Switch implements kernel.Machine: CR3 to the task's tables.
func (m *machine) Switch(pt mm.PageTable) {
	if p := pt.(*pageTable); p != m.cur {
		amd64.LoadCR3(p.Root())
		m.cur = p
	}
}

// Run enters user mode until the next trap. A syscall returns straight
// from amd64.Enter: the hot path has no Trap to decode. TimerVector is
// the tick or the slice timer, whichever the local APIC timer was
// counting down to.
func (m *machine) Run(ctx kernel.Context) kernel.Trap {
	c := ctx.(context).Context
	v := amd64.Enter(c)
	if v == amd64.TrapSyscall {
		return kernel.Trap{Kind: kernel.TrapSyscall}
	}
	if v == amd64.TrapSyscallExit {
		return kernel.Trap{Kind: kernel.TrapSyscallExit}
	}

	tr := amd64.TrapOf(c, v)
	switch {
	case tr.Vector < 32:
		return kernel.Trap{Kind: kernel.TrapFault, Vector: tr.Vector,
			Code: tr.ErrorCode, Addr: tr.Addr}
	case tr.Vector == amd64.TimerVector:
		kind := kernel.TrapTick
		if amd64.TimerInterrupt() {
			kind = kernel.TrapSliceTimer
		}
		amd64.EOI()
		return kernel.Trap{Kind: kind, Vector: tr.Vector}
	default:
		amd64.EOI()
		return kernel.Trap{Kind: kernel.TrapInterrupt, Vector: tr.Vector}
	}
}

// logDesignCounts logs what the build's design counted while init ran:
// nothing on amd64.
func logDesignCounts(*kernel.Kernel) {}

// copyFaults is how many user copies through the MMU faulted.
func copyFaults() uint64 { return amd64.UaccessFaults() }
