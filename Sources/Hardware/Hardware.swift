// Hardware models; see Logic/, Accelerator/, Analog/.
