from .empssl_protocol import (PROTOCOLS, bag_of_prefeatures, patch_dataset,
                              sgd_linear_probe)
from .bag_of_patches import bag_of_patches, random_patch_boxes, whole_image
from .feature_spread import effective_rank, feature_spread
from .features import (backbone_of_config, build_backbone_from_checkpoint,
                       extract_features, extract_folder_features,
                       image_folder, preprocessing_of)
from .frozen import frozen_features, knn_and_linear
from .knn import knn_accuracy, knn_classify
from .linear_probe import linear_probe, minibatch_linear_probe

__all__ = [
    'knn_classify', 'knn_accuracy', 'extract_features',
    'extract_folder_features', 'image_folder',
    'build_backbone_from_checkpoint', 'linear_probe', 'minibatch_linear_probe',
    'bag_of_patches', 'random_patch_boxes', 'whole_image', 'PROTOCOLS',
    'bag_of_prefeatures', 'patch_dataset', 'sgd_linear_probe',
    'preprocessing_of', 'frozen_features', 'knn_and_linear', 'effective_rank',
    'feature_spread', 'backbone_of_config'
]
