"""The bridge carries a burst of engine events to the GUI thread in few queued calls,
and loses, doubles or reorders none: the last event sent is the last one shown."""

import threading

from dlviz.app.bridge import EngineBridge
from dlviz.core.engine import Engine
from dlviz.core.training.events import BatchEnded, EpochEnded, LiveFrame


def batch(g: int) -> BatchEnded:
    return BatchEnded(epoch=g // 100, step=g % 100, global_step=g, loss=1.0 / (g + 1),
                      metrics={"accuracy": g / 1000}, samples_per_s=100.0, eta_s=1.0)


class Seen:
    """Collects what the public signals deliver, on the GUI thread."""

    def __init__(self, bridge):
        self.events, self.threads = [], set()
        for signal in (bridge.batch_ended, bridge.epoch_ended, bridge.live_frame_arrived):
            signal.connect(self.take)

    def take(self, event):
        self.events.append(event)
        self.threads.add(threading.get_ident())


def test_a_burst_from_the_engine_thread_arrives_whole_in_order_in_few_calls(qtbot):
    engine = Engine()   # never started: the test sends from a thread of its own
    bridge = EngineBridge(engine)
    seen = Seen(bridge)
    sent = []
    for g in range(600):
        sent.append(batch(g))
        if g % 100 == 99:
            sent.append(EpochEnded(epoch=g // 100, logs={"loss": 0.5}, seconds=1.0))
        if g % 50 == 0:
            sent.append(LiveFrame(global_step=g, epoch=g // 100))
    sender = threading.Thread(target=lambda: [engine.emit(e) for e in sent])
    sender.start()
    sender.join()
    qtbot.waitUntil(lambda: len(seen.events) >= len(sent), timeout=10_000)
    qtbot.wait(20)   # nothing more, nothing twice
    assert seen.events == sent
    assert seen.events[-1] is sent[-1]
    assert seen.threads == {threading.get_ident()}   # delivered on the GUI thread
    # Sent faster than the GUI thread takes them: far fewer queued calls than events.
    assert 1 <= bridge.wake_count < len(sent) / 10


def test_an_event_sent_while_the_gui_drains_the_queue_still_arrives(qtbot):
    engine = Engine()
    bridge = EngineBridge(engine)
    seen = Seen(bridge)
    late = batch(10_000)

    def send_one_more(event):
        # On the GUI thread, while the bridge emits the first burst: the engine
        # thread sends again now.
        if event.global_step == 1:
            worker = threading.Thread(target=engine.emit, args=(late,))
            worker.start()
            worker.join()

    bridge.batch_ended.connect(send_one_more)
    first = [batch(0), batch(1), batch(2)]
    sender = threading.Thread(target=lambda: [engine.emit(e) for e in first])
    sender.start()
    sender.join()
    qtbot.waitUntil(lambda: late in seen.events, timeout=10_000)
    assert seen.events == [*first, late]
