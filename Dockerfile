# The dashboard as a container image: the data store is built when the image is built, and the
# container serves it with `make serve` (nginx in front of one process per core, port 8501).
#   docker build -t trafford-dash .                      # fetches the pinned open data from the web
#   docker build --build-arg TRAFFORD_DASH_MIRROR=/mirror ...  # or from a mirror copied into the context
#   docker run -p 8501:8501 trafford-dash
FROM python:3.11-slim-bookworm

RUN apt-get update \
    && apt-get install -y --no-install-recommends make nginx \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.txt ./
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
RUN pip install --no-cache-dir --no-deps -e .

ARG TRAFFORD_DASH_MIRROR=""
ENV TRAFFORD_DASH_MIRROR=${TRAFFORD_DASH_MIRROR}
RUN python -m trafford_dash build

EXPOSE 8501
ENV WORKERS=""
HEALTHCHECK --interval=30s --timeout=5s CMD python -c "import urllib.request as u; u.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4)"
CMD ["sh", "-c", "python -m deploy.serve --port 8501 ${WORKERS:+--workers $WORKERS}"]
