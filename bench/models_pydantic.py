"""pydantic v2 model of the BatchCheckLayerAvailability request with the constraints the
generated validator checks: registryId 2..50 characters, repositoryName 2..205 characters
matching the model's pattern (searched, as pydantic-core does), 1..100 layer digests of at most
1,000 characters each, no unknown keys, no type coercion (strict, as botocore), an absent
registryId allowed but an explicit None not. pydantic collects every error, like the validator;
on valid input it also builds the model instance.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

REPOSITORY_NAME = "(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*"

RegistryIdOrAlias = Annotated[str, StringConstraints(min_length=2, max_length=50)]
RepositoryName = Annotated[
    str, StringConstraints(min_length=2, max_length=205, pattern=REPOSITORY_NAME)
]
BatchedOperationLayerDigest = Annotated[str, StringConstraints(max_length=1000)]


class BatchCheckLayerAvailabilityRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    registryId: RegistryIdOrAlias = None  # type: ignore[assignment]  # absent ok, None not
    repositoryName: RepositoryName
    layerDigests: Annotated[list[BatchedOperationLayerDigest], Field(min_length=1, max_length=100)]


def validate(data: object) -> list[str]:
    """Every error, as "path: message" lines; [] when valid."""
    from pydantic import ValidationError

    try:
        BatchCheckLayerAvailabilityRequest.model_validate(data)
    except ValidationError as exc:
        return [f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors()]
    return []
