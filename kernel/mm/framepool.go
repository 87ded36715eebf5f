package mm

// FramePool is a Frames allocator over one physically contiguous range: a
// stack of free frames, so allocation and release are O(1). Frames are
// zeroed when allocated, as user pages and page tables must start empty.
type FramePool struct {
	phys Phys
	free []uint64
	// Total is the number of frames the pool was made with.
	Total int
}

// NewFramePool manages the frames of [start, end) (page aligned).
func NewFramePool(phys Phys, start, end uint64) *FramePool {
	p := &FramePool{phys: phys}

	for pa := end; pa > start; {
		pa -= pageSize
		p.free = append(p.free, pa)
	}
	p.Total = len(p.free)

	return p
}

// Alloc implements Frames.
func (p *FramePool) Alloc() (uint64, bool) {
	n := len(p.free)
	if n == 0 {
		return 0, false
	}

	pa := p.free[n-1]
	p.free = p.free[:n-1]
	clear(p.phys.Frame(pa))

	return pa, true
}

// Free implements Frames.
func (p *FramePool) Free(pa uint64) { p.free = append(p.free, pa) }

// Available returns the number of free frames.
func (p *FramePool) Available() int { return len(p.free) }

// Count returns the number of frames the pool manages (Total).
func (p *FramePool) Count() int { return p.Total }

const pageSize = 4096
