# BA-SSL's batch fusion at 224 px: 16 px patches (a 14 x 14 grid), one
# Embedding Layer of width 2, instance norm (mmssl.models.fusion). The
# configs/bassl/ configs wrap their method's model with it and set
# batch_size to their per-rank batch.
fusion = dict(type='BatchFusion', patch_size=16, num_blocks=1, width=2)
