import os
import os.path as osp

from mmengine.dist import is_main_process
from mmengine.hooks import CheckpointHook
from mmengine.logging import print_log

from mmssl.registry import HOOKS


def replace_durably(tmp: str, path: str) -> None:
    """Flush ``tmp`` to disk and rename it onto ``path`` (atomic on POSIX):
    ``path`` is always either the old file or the complete new one."""
    with open(tmp, 'rb+') as f:
        os.fsync(f.fileno())
    os.replace(tmp, path)


@HOOKS.register_module()
class AtomicCheckpointHook(CheckpointHook):
    """MMEngine's ``CheckpointHook`` made safe against a kill at any moment.

    MMEngine deletes the oldest checkpoint *before* writing the new one and
    writes in place, so a kill during a save with ``max_keep_ckpts=1`` left
    a truncated file and a ``last_checkpoint`` naming a deleted one. Here the
    checkpoint is written to ``<name>.tmp``, flushed and renamed into place,
    ``last_checkpoint`` is replaced the same way, and only then are outdated
    checkpoints deleted; at least two are kept. Same arguments as
    ``CheckpointHook`` (local ``out_dir`` only).
    """

    def __init__(self, *args, max_keep_ckpts: int = -1, **kwargs) -> None:
        if 0 < max_keep_ckpts < 2:
            print_log(f'AtomicCheckpointHook: max_keep_ckpts={max_keep_ckpts}'
                      ' raised to 2 so that a failed save still leaves a '
                      'checkpoint', logger='current')
            max_keep_ckpts = 2
        super().__init__(*args, max_keep_ckpts=max_keep_ckpts, **kwargs)

    def _save_checkpoint_with_step(self, runner, step, meta):
        name = self.filename_tmpl.format(step)
        path = osp.join(self.out_dir, name)
        runner.save_checkpoint(
            self.out_dir, name + '.tmp', self.file_client_args,
            save_optimizer=self.save_optimizer,
            save_param_scheduler=self.save_param_scheduler, meta=meta,
            by_epoch=self.by_epoch, backend_args=self.backend_args,
            **self.args)
        self.last_ckpt = path
        runner.message_hub.update_info('last_ckpt', path)
        if not is_main_process():
            return
        replace_durably(path + '.tmp', path)
        record = osp.join(runner.work_dir, 'last_checkpoint')
        with open(record + '.tmp', 'w') as f:
            f.write(path)
        replace_durably(record + '.tmp', record)
        if self.max_keep_ckpts > 0 and (not self.keep_ckpt_ids
                                        or self.keep_ckpt_ids[-1] != step):
            # keep_ckpt_ids is a deque of maxlen max_keep_ckpts: the append
            # evicts the oldest id, whose file goes only now
            evicted = (self.keep_ckpt_ids[0] if len(self.keep_ckpt_ids) ==
                       self.max_keep_ckpts else None)
            self.keep_ckpt_ids.append(step)
            if evicted is not None:
                old = osp.join(self.out_dir,
                               self.filename_tmpl.format(evicted))
                if osp.isfile(old):
                    os.remove(old)
            runner.message_hub.update_info('keep_ckpt_ids',
                                           list(self.keep_ckpt_ids))
