# The datasets image that the datasets-fill Job copies onto the workers' volume (deploy/k8s/base/datasets.yaml).
# The build context is a folder of datasets, one sub-folder each, as the workers expect them, e.g. Debian's
# dataset-fashion-mnist package:  docker build -f deploy/docker/datasets.Dockerfile -t ninsearch-datasets:dev /usr/share/datasets
FROM busybox:1.37.0
COPY --chown=1654:1654 . /datasets/
USER 1654:1654
CMD ["ls", "-R", "/datasets"]
